/* Cổng Trường: photo album lightbox. Progressive enhancement, no library.

   Markup (galleries/templates/galleries/album_page.html):
     <ul data-lightbox data-label-dialog="…" data-label-close="…" data-label-previous="…"
         data-label-next="…" data-label-position="Photo %(current)s of %(total)s">
       <li><figure>
         <a href="large.jpg" data-lightbox-item data-width="1600" data-height="1200"><img alt="…"></a>
         <figcaption>…</figcaption>
       </figure></li>
     </ul>

   Without JavaScript (or without <dialog>) each link simply opens the large photo. With it, a
   click, Enter or tap opens a modal <dialog> with the large photo and its caption:
   ←/→ (or the buttons, or a swipe) move, Escape (or the close button, or a click on the
   backdrop) closes, and focus returns to the thumbnail of the photo last shown. */
(function () {
  "use strict";
  if (typeof HTMLDialogElement !== "function") return;

  var ICONS = {
    close: '<path d="M6 6l12 12M18 6 6 18"/>',
    previous: '<path d="m15 5-7 7 7 7"/>',
    next: '<path d="m9 5 7 7-7 7"/>'
  };

  function button(name, label) {
    var el = document.createElement("button");
    el.type = "button";
    el.className = "lightbox__button lightbox__" + name;
    el.setAttribute("aria-label", label);
    el.innerHTML =
      '<svg aria-hidden="true" focusable="false" width="28" height="28" viewBox="0 0 24 24" ' +
      'fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" ' +
      'stroke-linejoin="round">' + ICONS[name] + "</svg>";
    return el;
  }

  function setUp(list) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a[data-lightbox-item]"));
    if (!links.length) return;
    var labels = list.dataset;
    var current = 0;

    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", labels.labelDialog || "");
    var figure = document.createElement("figure");
    figure.className = "lightbox__figure";
    var img = document.createElement("img");
    img.className = "lightbox__img";
    img.decoding = "async";
    var caption = document.createElement("figcaption");
    caption.className = "lightbox__caption";
    var position = document.createElement("p");
    position.className = "lightbox__position";
    position.setAttribute("aria-live", "polite");
    var closeButton = button("close", labels.labelClose || "");
    var previousButton = button("previous", labels.labelPrevious || "");
    var nextButton = button("next", labels.labelNext || "");
    figure.append(img, caption);
    dialog.append(closeButton, figure, position, previousButton, nextButton);
    document.body.appendChild(dialog);

    var single = links.length === 1;
    previousButton.hidden = nextButton.hidden = single;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var thumb = link.querySelector("img");
      var text = link.closest("figure") && link.closest("figure").querySelector("figcaption");
      img.removeAttribute("src"); // no stale photo while the next one loads
      img.width = Number(link.dataset.width) || 0;
      img.height = Number(link.dataset.height) || 0;
      img.alt = thumb ? thumb.alt : "";
      img.src = link.getAttribute("href");
      caption.textContent = text ? text.textContent : "";
      caption.hidden = !caption.textContent;
      position.textContent = (labels.labelPosition || "%(current)s / %(total)s")
        .replace("%(current)s", current + 1)
        .replace("%(total)s", links.length);
      if (!single) new Image().src = links[(current + 1) % links.length].getAttribute("href"); // preload
    }

    function open(index) {
      show(index);
      dialog.showModal();
      closeButton.focus();
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
          return; // let the browser open the photo in a new tab or window
        }
        event.preventDefault();
        open(index);
      });
    });

    closeButton.addEventListener("click", function () { dialog.close(); });
    previousButton.addEventListener("click", function () { show(current - 1); });
    nextButton.addEventListener("click", function () { show(current + 1); });
    dialog.addEventListener("keydown", function (event) {
      if (single) return;
      if (event.key === "ArrowRight") {
        event.preventDefault();
        show(current + 1);
      } else if (event.key === "ArrowLeft") {
        event.preventDefault();
        show(current - 1);
      }
    });
    // A click on the backdrop (the dialog box itself, outside its content) closes.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    // Escape closes natively ("cancel"); every way of closing ends here.
    dialog.addEventListener("close", function () {
      img.removeAttribute("src");
      links[current].focus();
    });

    // Swipe left/right on touch screens.
    var startX = null;
    var startY = null;
    figure.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "mouse") return;
      startX = event.clientX;
      startY = event.clientY;
    });
    figure.addEventListener("pointerup", function (event) {
      if (startX === null) return;
      var dx = event.clientX - startX;
      var dy = event.clientY - startY;
      startX = startY = null;
      if (!single && Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) {
        show(dx < 0 ? current + 1 : current - 1);
      }
    });
    figure.addEventListener("pointercancel", function () { startX = startY = null; });
  }

  function init() {
    document.querySelectorAll("[data-lightbox]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
