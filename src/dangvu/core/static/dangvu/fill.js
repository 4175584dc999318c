// A button with data-fill="<selector>" fills every empty input the selector finds with its placeholder (the
// dues sheet's "Điền đủ số phải đóng": each member's due). No inline script: the pages' Content-Security-Policy
// allows scripts from this site's files only.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-fill]");
  if (!button) return;
  document.querySelectorAll(button.getAttribute("data-fill")).forEach(function (input) {
    if (!input.value) input.value = input.placeholder;
  });
});
