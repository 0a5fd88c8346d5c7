// The phone menu closes with Esc and gives focus back to its button, as the dropdowns do (Bootstrap's collapse does
// not listen for Esc). While a dropdown inside it is open, Esc closes only that dropdown (Bootstrap's own handler):
// this listener runs in the window's capture phase, before Bootstrap's (which captures on the document), so it still
// sees the dropdown open.
window.addEventListener(
  "keydown",
  (event) => {
    if (event.key !== "Escape") {
      return;
    }
    const menu = document.getElementById("main-menu");
    if (!menu || !menu.classList.contains("show") || menu.querySelector(".dropdown-menu.show")) {
      return;
    }
    bootstrap.Collapse.getOrCreateInstance(menu, { toggle: false }).hide();
    const toggler = document.querySelector('[data-bs-target="#main-menu"]');
    if (toggler) {
      toggler.focus();
    }
  },
  { capture: true },
);
