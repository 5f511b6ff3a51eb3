// The printable handbook's Print button: it needs a script, so it is shown only where one runs
// (the page says how to print without it).
for (const button of document.querySelectorAll("button[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
