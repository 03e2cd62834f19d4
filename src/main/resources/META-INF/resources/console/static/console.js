// The console's small behaviours; every page works without them (forms post, links navigate).
(function () {
  "use strict";

  function currentTheme() {
    var set = document.documentElement.getAttribute("data-theme");
    if (set) {
      return set;
    }
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("#theme-toggle");
    if (toggle) {
      var next = currentTheme() === "dark" ? "light" : "dark";
      document.documentElement.setAttribute("data-theme", next);
      try {
        localStorage.setItem("polyplex-theme", next);
      } catch (e) {
        // not kept: this page still switches
      }
      return;
    }
    var copy = event.target.closest("[data-copy]");
    if (copy) {
      var field = document.getElementById(copy.getAttribute("data-copy"));
      if (!field) {
        return;
      }
      var text = field.value !== undefined ? field.value : field.textContent;
      var done = function () {
        copy.textContent = "Copied";
        setTimeout(function () { copy.textContent = "Copy"; }, 1500);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done);
      } else {
        field.select();
        document.execCommand("copy");
        done();
      }
    }
  });

  // Destructive actions ask first: <form data-confirm="Delete line x?">, or a button of a form
  // that does several things: <button data-confirm="Disable the checked channels?">.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // "Check all" boxes: <input type="checkbox" data-check-all="ids"> checks every box named ids.
  document.addEventListener("change", function (event) {
    var all = event.target.closest("[data-check-all]");
    if (!all) {
      return;
    }
    var boxes = document.querySelectorAll("input[type=checkbox][name='" + all.getAttribute("data-check-all") + "']");
    Array.prototype.forEach.call(boxes, function (box) {
      box.checked = all.checked;
    });
  });

  // Sources dragged into a new order: <ol data-reorder="url" data-csrf="token"> of <li data-index>.
  // The drop posts the new order as a plain form, so the server answers as for the up and down
  // buttons (which stay, for the keyboard and for pages without this script).
  function enableReorder(list) {
    var dragged = null;
    Array.prototype.forEach.call(list.querySelectorAll("li[data-index]"), function (item) {
      item.setAttribute("draggable", "true");
      item.addEventListener("dragstart", function (event) {
        dragged = item;
        item.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.getAttribute("data-index"));
      });
      item.addEventListener("dragend", function () {
        item.classList.remove("dragging");
      });
      item.addEventListener("dragover", function (event) {
        if (dragged && dragged !== item) {
          event.preventDefault();
        }
      });
      item.addEventListener("drop", function (event) {
        event.preventDefault();
        if (!dragged || dragged === item) {
          return;
        }
        var items = Array.prototype.slice.call(list.querySelectorAll("li[data-index]"));
        var after = items.indexOf(dragged) < items.indexOf(item);
        list.insertBefore(dragged, after ? item.nextSibling : item);
        var order = Array.prototype.map.call(list.querySelectorAll("li[data-index]"), function (li) {
          return li.getAttribute("data-index");
        });
        postOrder(list, order.join(","));
      });
    });
  }

  function postOrder(list, order) {
    var form = document.createElement("form");
    form.method = "post";
    form.action = list.getAttribute("data-reorder");
    [["csrf", list.getAttribute("data-csrf")], ["order", order]].forEach(function (pair) {
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = pair[0];
      field.value = pair[1];
      form.appendChild(field);
    });
    document.body.appendChild(form);
    form.submit();
  }

  function ready() {
    Array.prototype.forEach.call(document.querySelectorAll("ol[data-reorder]"), enableReorder);
    Array.prototype.forEach.call(document.querySelectorAll("[data-check-all][hidden]"), function (box) {
      box.hidden = false;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
