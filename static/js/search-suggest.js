/* Cổng Trường: suggestions while typing in a search box (ARIA 1.2 combobox with a list popup).
   Progressive enhancement: without this file the box is a plain search form.
   Enhances every <form data-suggest> whose input is named "q"; asks <form action>goi-y/?q=...
   (search.views.suggest), which also sends the sentence announced to screen readers. */
(function () {
  "use strict";
  var MIN_CHARS = 2;
  var DELAY = 150;
  var counter = 0;

  function enhance(form) {
    var input = form.querySelector('input[name="q"]');
    if (!input || input.hasAttribute("role")) return;
    var id = "search-suggest-" + (++counter);
    var url = new URL("goi-y/", new URL(form.getAttribute("action") || "/tim-kiem/", window.location.href));
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var timer = null;
    var controller = null;
    var active = -1;
    var items = [];
    var cache = {};

    list.id = id;
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("aria-label") || (input.labels && input.labels[0] ? input.labels[0].textContent : ""));
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.classList.add("has-suggest");
    input.parentNode.appendChild(list);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll('[role="option"]');
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(index) {
      if (items[index]) window.location.assign(items[index].url);
    }

    function render(data) {
      items = data.suggestions || [];
      list.textContent = "";
      items.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var title = document.createElement("span");
        title.className = "search-suggest__title";
        title.textContent = item.title;
        var kind = document.createElement("span");
        kind.className = "search-suggest__kind";
        kind.textContent = item.kind_label;
        option.appendChild(title);
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the box until we leave
          go(i);
        });
        list.appendChild(option);
      });
      status.textContent = data.status || "";
      active = -1;
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.replace(/\s+/g, "").length < MIN_CHARS) {
        render({ suggestions: [], status: "" });
        return;
      }
      if (cache[q]) {
        render(cache[q]);
        return;
      }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      url.searchParams.set("q", q);
      fetch(url.toString(), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          cache[q] = data;
          if (input.value.trim() === q) render(data);
        })
        .catch(function () { /* offline or aborted: the form still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var count = items.length;
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (list.hidden && count) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        if (count) highlight((active + 1) % count);
        event.preventDefault();
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (count && !list.hidden) highlight(active <= 0 ? count - 1 : active - 1);
        event.preventDefault();
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          go(active);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (!list.hidden) {
          event.preventDefault();
          event.stopPropagation();
          close();
        } else if (input.value) {
          input.value = "";
        }
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 100);
    });
  }

  function init() {
    document.querySelectorAll("form[data-suggest]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
