/* The quiz paper (competitions/quiz_paper.html): a countdown to the hand-in time, and every
   answer saved as soon as it is chosen by posting the whole paper (the server keeps only what
   changed). Without this script the page works the same with its "保存答案" button. */
(function () {
  "use strict";
  var clock = document.querySelector("[data-seconds-left]");
  var face = clock && clock.querySelector("[data-clock]");
  if (clock && face) {
    var endsAt = Date.now() + Number(clock.getAttribute("data-seconds-left")) * 1000;
    var tick = function () {
      var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      var mm = Math.floor(left / 60), ss = left % 60;
      face.textContent = mm + ":" + (ss < 10 ? "0" : "") + ss;
      if (left === 0) { window.location.reload(); return; }
      window.setTimeout(tick, 1000);
    };
    tick();
  }
  var form = document.querySelector("form.quiz-paper");
  if (!form || !window.fetch) { return; }
  var status = form.querySelector("[data-status]");
  var say = function (text) { if (status) { status.textContent = text; } };
  form.addEventListener("change", function () {
    var body = new FormData(form);
    fetch(form.getAttribute("data-save-url"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken") }
    }).then(function (response) {
      return response.json().then(function (data) {
        if (response.ok) { say(data.message); return; }
        say(data.error);
        if (data.finished) { window.location.reload(); }
      });
    }).catch(function () { say(form.getAttribute("data-offline") || ""); });
  });
}());
