/* Đảng vụ pickers: the search box of a picker (core/widgets/picker.html) becomes a type-ahead list over its
   JSON endpoint. Without this script the same box is searched when the form is sent.
   Keyboard: ↓/↑ move through the list, Enter picks, Esc closes the list (a second Esc empties the box). */
(function () {
  "use strict";
  var counter = 0;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function chosenItem(picker, option) {
    var multiple = picker.dataset.multiple === "1";
    var label = el("label", "picker-item" + (option.ended ? " picker-ended" : ""));
    var input = el("input");
    input.type = multiple ? "checkbox" : "radio";
    input.name = picker.dataset.name;
    input.value = option.value;
    input.checked = true;
    label.appendChild(input);
    label.appendChild(document.createTextNode(" "));
    label.appendChild(el("span", "picker-name", option.name));
    if (option.path && option.path.length) label.appendChild(el("span", "picker-path", " — " + option.path.join(" — ")));
    if (option.note) { label.appendChild(document.createTextNode(" ")); label.appendChild(el("small", "picker-note", option.note)); }
    return label;
  }

  function addRemove(picker, item, announce) {
    if (item.querySelector(".picker-remove")) return;
    var box = item.querySelector("input");
    if (box) box.tabIndex = -1; // shown as a chip with its own remove button
    var name = item.querySelector(".picker-name");
    var button = el("button", "picker-remove", "✕");
    button.type = "button";
    button.setAttribute("aria-label", "Bỏ chọn " + (name ? name.textContent : ""));
    button.addEventListener("click", function () {
      var text = item.textContent.replace("✕", "").trim();
      item.remove();
      announce("Đã bỏ chọn " + text);
      picker.querySelector(".picker-input").focus();
    });
    item.appendChild(button);
  }

  function setup(picker) {
    var input = picker.querySelector(".picker-input");
    var chosen = picker.querySelector("[data-picker-chosen]");
    if (!input || !chosen || !picker.dataset.url || picker.dataset.ready) return;
    picker.dataset.ready = "1";
    picker.classList.add("picker-live");
    var id = input.id || "picker-" + (++counter);
    var list = el("ul", "picker-list");
    list.id = id + "-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var status = el("div", "visually-hidden");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", list);
    picker.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var help = picker.querySelector(".picker-help");
    if (help) help.textContent = "Gõ vài chữ của tên (không cần dấu), chọn bằng phím ↑ ↓ và Enter hoặc bấm vào tên.";
    var results = [], active = -1, timer = null, asked = 0;

    function announce(text) { status.textContent = ""; window.setTimeout(function () { status.textContent = text; }, 30); }
    chosen.querySelectorAll(".picker-item").forEach(function (item) { addRemove(picker, item, announce); });

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      var items = list.querySelectorAll("[role=option]");
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function pick(index) {
      var option = results[index];
      if (!option) return;
      if (picker.dataset.multiple !== "1") chosen.querySelectorAll(".picker-item").forEach(function (n) { n.remove(); });
      var existing = Array.prototype.find.call(chosen.querySelectorAll("input"), function (n) { return n.value === option.value; });
      if (existing) { existing.checked = true; } else {
        var item = chosenItem(picker, option);
        chosen.appendChild(item);
        addRemove(picker, item, announce);
      }
      var candidates = picker.querySelector("[data-picker-candidates]");
      if (candidates) candidates.remove();
      input.value = "";
      close();
      announce("Đã chọn " + option.label);
    }

    function show(data) {
      results = data.results || [];
      list.textContent = "";
      results.forEach(function (option, i) {
        var item = el("li", "picker-option" + (option.ended ? " picker-ended" : ""));
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.appendChild(el("span", "picker-name", option.name));
        if (option.path && option.path.length) item.appendChild(el("span", "picker-path", option.path.join(" — ")));
        if (option.note) item.appendChild(el("small", "picker-note", option.note));
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { pick(i); });
        list.appendChild(item);
      });
      if (!results.length) {
        var none = el("li", "picker-none", "Không tìm thấy " + picker.dataset.noun + " nào khớp.");
        none.setAttribute("aria-disabled", "true");
        list.appendChild(none);
      } else if (data.more) {
        list.appendChild(el("li", "picker-more", "Còn nữa: gõ thêm chữ để thu hẹp."));
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      mark(-1);
      announce(results.length ? (data.more ? "Hơn " : "") + results.length + " kết quả; dùng phím mũi tên để chọn."
                              : "Không có kết quả.");
    }

    function ask() {
      var text = input.value.trim();
      if (!text) { results = []; close(); return; }
      var mine = ++asked;
      var url = picker.dataset.url + (picker.dataset.url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(function (data) { if (mine === asked) show(data); })
        .catch(function () {
          if (mine !== asked) return;
          results = [];
          list.textContent = "";
          list.appendChild(el("li", "picker-none", "Không tìm được lúc này; gửi biểu mẫu để tìm theo chữ đã gõ."));
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 200);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!open) { if (input.value.trim()) ask(); return; }
        if (!results.length) return;
        var step = event.key === "ArrowDown" ? 1 : -1;
        mark((active + step + results.length) % results.length);
      } else if (event.key === "Enter") {
        if (open && results.length) {
          event.preventDefault();
          pick(active >= 0 ? active : 0);
        }
      } else if (event.key === "Escape") {
        if (open) { event.preventDefault(); close(); } else if (input.value) { event.preventDefault(); input.value = ""; }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    var form = input.form;
    if (form) {
      form.addEventListener("submit", function () {
        // An empty box adds nothing: leave it out of the query string (bookmarks stay "?to_chuc=…").
        if (!input.value.trim()) input.disabled = true;
        window.setTimeout(function () { input.disabled = false; }, 0);
      });
    }
  }

  function start() { document.querySelectorAll("[data-picker]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  document.addEventListener("htmx:afterSettle", start);
})();
