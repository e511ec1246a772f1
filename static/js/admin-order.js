// Editors' admin: reorder the rows of an ordered list (skills, workplaces, routes, sources)
// with "Move up" / "Move down" buttons instead of typing numbers. Progressive enhancement:
// without JavaScript the position numbers stay editable as before.
"use strict";

(function () {
  function positionInput(row) {
    return row.querySelector("td.field-position input");
  }

  function rowsOf(tbody) {
    return Array.from(tbody.querySelectorAll("tr.form-row")).filter(
      (row) => !row.classList.contains("empty-form") && positionInput(row)
    );
  }

  function renumber(tbody) {
    rowsOf(tbody).forEach((row, index) => {
      positionInput(row).value = index;
    });
  }

  function button(label, text) {
    const control = document.createElement("button");
    control.type = "button";
    control.className = "order-move";
    control.textContent = text;
    control.setAttribute("aria-label", label);
    control.title = label;
    return control;
  }

  function enhance(row) {
    const input = positionInput(row);
    if (!input || row.querySelector(".order-move")) {
      return;
    }
    const name = () => {
      const cell = row.querySelector("td.original p");
      return cell ? cell.textContent.trim() : "this row";
    };
    const up = button("Move up", "↑");
    const down = button("Move down", "↓");
    up.addEventListener("click", () => move(row, -1, up));
    down.addEventListener("click", () => move(row, 1, down));
    up.setAttribute("aria-label", `Move ${name()} up`);
    down.setAttribute("aria-label", `Move ${name()} down`);
    input.insertAdjacentElement("afterend", down);
    input.insertAdjacentElement("afterend", up);
  }

  function move(row, step, focus) {
    const tbody = row.parentElement;
    const rows = rowsOf(tbody);
    const index = rows.indexOf(row);
    const target = rows[index + step];
    if (!target) {
      return;
    }
    if (step < 0) {
      tbody.insertBefore(row, target);
    } else {
      tbody.insertBefore(target, row);
    }
    renumber(tbody);
    focus.focus();
  }

  function setUp(root) {
    root.querySelectorAll(".inline-group .tabular tbody").forEach((tbody) => {
      if (!rowsOf(tbody).length && !tbody.querySelector("tr.empty-form td.field-position")) {
        return;
      }
      rowsOf(tbody).forEach(enhance);
    });
  }

  document.addEventListener("DOMContentLoaded", () => setUp(document));
  document.addEventListener("formset:added", (event) => {
    const row = event.target;
    enhance(row);
    renumber(row.parentElement);
  });
})();
