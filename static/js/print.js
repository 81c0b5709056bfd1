// Print buttons: any <button data-print> opens the browser's print dialog. Kept out of the
// templates so the Content-Security-Policy needs no inline script.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
});
