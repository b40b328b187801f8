/* Cổng Trường: progressive enhancement only. Without this file the menu still works
   (expanded on phones, hover/:focus-within dropdowns on wide screens). */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function init() {
    var nav = document.querySelector(".site-nav");
    if (nav) {
      var navToggle = nav.querySelector(".nav-toggle");
      var submenuToggles = nav.querySelectorAll(".submenu-toggle");

      if (navToggle) {
        navToggle.hidden = false;
        navToggle.addEventListener("click", function () {
          setOpen(navToggle, navToggle.getAttribute("aria-expanded") !== "true");
        });
      }

      var closeSubmenus = function (except) {
        submenuToggles.forEach(function (b) {
          if (b !== except) setOpen(b, false);
        });
      };

      submenuToggles.forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          var open = button.getAttribute("aria-expanded") !== "true";
          closeSubmenus(button);
          setOpen(button, open);
        });
        // Leaving an open submenu with the keyboard closes it.
        button.parentNode.addEventListener("focusout", function (event) {
          if (!button.parentNode.contains(event.relatedTarget)) setOpen(button, false);
        });
      });

      // Escape closes the innermost open thing and puts focus back on its button.
      document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" && event.key !== "Esc") return;
        // A submenu shown by mouse hover is dismissed too (WCAG 1.4.13), until the pointer leaves.
        nav.querySelectorAll(".has-submenu:hover").forEach(function (item) {
          item.classList.add("hover-off");
          item.addEventListener("mouseleave", function () {
            item.classList.remove("hover-off");
          }, { once: true });
        });
        var openSub = nav.querySelector('.submenu-toggle[aria-expanded="true"]');
        if (openSub) {
          setOpen(openSub, false);
          openSub.focus();
        } else if (navToggle && navToggle.getAttribute("aria-expanded") === "true") {
          setOpen(navToggle, false);
          navToggle.focus();
        }
      });

      // A click or tap outside the menu closes any open submenu.
      document.addEventListener("click", function (event) {
        if (!nav.contains(event.target)) closeSubmenus(null);
      });
    }

    // "Print" buttons on articles (the regulation asks for print on every article).
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* ---- Share: "copy link" button (components/share.html). Shown only when this runs. ------ */
(function () {
  "use strict";

  function copyLink(button) {
    var url = button.getAttribute("data-copy-link");
    var status = button.closest(".share") && button.closest(".share").querySelector(".share__status");
    var done = function () {
      if (status) status.textContent = button.getAttribute("data-copied");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, function () {
        window.prompt(button.getAttribute("data-copy-prompt"), url);
      });
    } else {
      // No clipboard API (plain http): let the reader copy from a prompt.
      window.prompt(button.getAttribute("data-copy-prompt"), url);
    }
  }

  function init() {
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        copyLink(button);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
