/*
 * Comboboxes for the header search and the comparison picker (WAI-ARIA 1.2 combobox
 * with a listbox popup, list autocomplete).
 *
 * Progressive enhancement only: without this file each field is a plain text input in
 * a GET form. An input names its listbox and its status line (data-listbox,
 * data-status); htmx fills the listbox with <li role="option" data-value [data-href]>
 * as the visitor types. This file adds the roles and states, and the keys: Down and Up
 * move through the options (the active one is announced through
 * aria-activedescendant), Enter picks it (fills the field, or opens data-href),
 * Escape, Tab or a click elsewhere closes the list. No inline styles (strict CSP): the
 * list shows and hides with the `hidden` attribute, the active option with a class.
 */
(function () {
  "use strict";

  const FIELD = "input[data-listbox]";
  const ACTIVE = "is-active";

  const listboxOf = (input) => document.getElementById(input.dataset.listbox);
  const statusOf = (input) => document.getElementById(input.dataset.status);
  const inputOf = (listbox) =>
    listbox && document.querySelector(`input[data-listbox="${listbox.id}"]`);
  const optionsOf = (listbox) => Array.from(listbox.querySelectorAll('[role="option"]'));
  const isOpen = (input) => input.getAttribute("aria-expanded") === "true";

  function enhance(input) {
    const listbox = listboxOf(input);
    if (!listbox || input.getAttribute("role") === "combobox") return;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
  }

  function enhanceWithin(root) {
    if (root.matches && root.matches(FIELD)) enhance(root);
    if (root.querySelectorAll) root.querySelectorAll(FIELD).forEach(enhance);
  }

  function say(input, text, state) {
    const status = statusOf(input);
    if (!status) return;
    status.textContent = text;
    status.dataset.state = state || "";
  }

  function setActive(input, option) {
    for (const each of optionsOf(listboxOf(input))) {
      each.classList.toggle(ACTIVE, each === option);
      if (each === option) each.setAttribute("aria-selected", "true");
      else each.removeAttribute("aria-selected");
    }
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function open(input) {
    listboxOf(input).hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function close(input) {
    const listbox = listboxOf(input);
    if (!listbox) return;
    setActive(input, null);
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
  }

  function choose(input, option) {
    close(input);
    say(input, "");
    if (option.dataset.href) {
      window.location.assign(option.dataset.href);
      return;
    }
    input.value = option.dataset.value || option.textContent.trim();
    input.focus();
  }

  // htmx has just filled a listbox: show its options, or say that there are none.
  function refresh(listbox) {
    const input = inputOf(listbox);
    if (!input) return;
    enhance(input);
    const options = optionsOf(listbox);
    options.forEach((option, i) => {
      option.id = `${listbox.id}-${i}`;
    });
    const wanted =
      input.value.trim() !== "" && document.activeElement === input && !input.dataset.dismissed;
    if (!wanted) {
      close(input);
      say(input, "");
    } else if (options.length) {
      open(input);
      setActive(input, null);
      say(input, options.length === 1 ? "1 suggestion." : `${options.length} suggestions.`);
    } else {
      close(input);
      say(input, statusOf(input) ? statusOf(input).dataset.none : "", "none");
    }
  }

  function onKey(event) {
    const input = event.target;
    if (!input.matches || !input.matches(FIELD)) return;
    const listbox = listboxOf(input);
    if (!listbox) return;
    enhance(input);
    const options = optionsOf(listbox);
    const current = options.findIndex((option) => option.classList.contains(ACTIVE));
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (!options.length) return;
        event.preventDefault();
        delete input.dataset.dismissed;
        open(input);
        if (event.altKey) return; // Alt+Down opens the list without moving in it
        const step = event.key === "ArrowDown" ? 1 : -1;
        const next =
          current === -1
            ? (step > 0 ? 0 : options.length - 1)
            : (current + step + options.length) % options.length;
        setActive(input, options[next]);
        return;
      }
      case "Enter":
        if (isOpen(input) && current !== -1) {
          event.preventDefault(); // pick the option instead of sending the form
          choose(input, options[current]);
        }
        return;
      case "Escape":
        if (isOpen(input) || statusOf(input)?.dataset.state) {
          event.preventDefault(); // close the list; a second Escape clears the field
          input.dataset.dismissed = "true";
          close(input);
          say(input, "");
        }
        return;
      case "Tab":
        close(input);
        say(input, "");
        return;
    }
  }

  document.addEventListener("keydown", onKey);

  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches(FIELD)) return;
    delete input.dataset.dismissed;
    if (input.value.trim() === "") {
      close(input);
      say(input, "");
    } else {
      setActive(input, null);
    }
  });

  document.addEventListener("focusin", (event) => {
    if (event.target.matches && event.target.matches(FIELD)) enhance(event.target);
  });

  // Leaving the field, by Tab or by a click anywhere else, closes its list.
  document.addEventListener("focusout", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches(FIELD)) return;
    close(input);
    say(input, "");
  });

  // A press on the list keeps the focus in the field, so the click below can pick.
  document.addEventListener("mousedown", (event) => {
    if (event.target.closest && event.target.closest('[role="listbox"]')) event.preventDefault();
  });

  document.addEventListener("click", (event) => {
    const option = event.target.closest && event.target.closest('[role="option"]');
    const input = option && inputOf(option.closest('[role="listbox"]'));
    if (input) choose(input, option);
  });

  document.addEventListener("htmx:afterSwap", (event) => {
    const target = event.target;
    if (target.matches && target.matches('[role="listbox"]')) refresh(target);
  });

  // New content (a picker answered in place, a page restored by Back) and this page.
  document.addEventListener("htmx:load", (event) => enhanceWithin(event.target));
  enhanceWithin(document);
})();
