// Live lint in the story editor: 300 ms after the last keystroke, the text goes to /lint and the
// findings come back with their character spans. The highlighted copy is built with text nodes
// and <mark> elements only (never innerHTML), so a post's text can never become markup.
(function () {
  "use strict";
  var area = document.getElementById("text");
  var mirror = document.getElementById("mirror");
  var list = document.getElementById("live-findings");
  var form = document.getElementById("editor");
  if (!area || !mirror || !list || !form) { return; }
  var csrf = form.querySelector("input[name=csrf]").value;
  var postId = form.getAttribute("data-post");
  var timer = null;
  var asked = 0;

  function draw(text, findings) {
    mirror.textContent = "";
    var spans = findings.filter(function (f) { return f.start !== null; })
      .sort(function (a, b) { return a.start - b.start; });
    var at = 0;
    spans.forEach(function (f) {
      if (f.start < at) { return; }  // overlapping spans: the first one is shown
      mirror.appendChild(document.createTextNode(text.slice(at, f.start)));
      var mark = document.createElement("mark");
      mark.className = f.severity;
      mark.title = f.code + ": " + f.message;
      mark.textContent = text.slice(f.start, f.end);
      mirror.appendChild(mark);
      at = f.end;
    });
    mirror.appendChild(document.createTextNode(text.slice(at)));
    list.textContent = "";
    findings.forEach(function (f) {
      var item = document.createElement("li");
      item.className = f.severity;
      var code = document.createElement("strong");
      code.textContent = f.code;
      item.appendChild(code);
      item.appendChild(document.createTextNode(" [" + f.severity + "]: " + f.message));
      list.appendChild(item);
    });
    list.setAttribute("data-ready", String(asked));
  }

  function measure(data, text) {
    var counter = document.getElementById("counter");
    var preview = document.getElementById("preview-text");
    if (preview) { preview.textContent = text; }
    if (!counter) { return; }
    counter.textContent = data.limit ? data.length + " / " + data.limit : String(data.length);
    counter.className = data.limit && data.length > data.limit ? "error" : "";
  }

  function check() {
    var text = area.value;
    var ticket = ++asked;
    fetch("/lint", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify({ post: Number(postId), text: text }),
      credentials: "same-origin"
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (data && ticket === asked) { draw(text, data.findings); measure(data, text); }
    });
  }

  area.addEventListener("input", function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(check, 300);
  });
  check();
})();
