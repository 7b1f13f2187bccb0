/* Small behaviours of every page, kept out of the templates so that the content-security policy
   can refuse inline script. A read-only field marked data-select-on-click (a subscription or
   share link) selects its whole text when clicked, ready to copy. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var field = event.target;
    if (field instanceof HTMLInputElement && field.hasAttribute("data-select-on-click")) {
      field.select();
    }
  });
})();
