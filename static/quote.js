/* "Quote this" for a selected passage, as chalicelib/forum/quotes.py quotes whole posts. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-draft-key^='reply:']"), body = form && form.elements.body;
  var list = document.querySelector(".post-list[data-thread]"), chosen = null;
  if (!body || !list || !window.getSelection) { return; }
  var button = document.createElement("button");
  button.type = "button"; button.className = "secondary"; button.textContent = "Quote this"; button.hidden = true;

  function postOf(node) {
    var text = node && (node.nodeType === 1 ? node : node.parentElement).closest(".post-body");
    return text && !text.closest(".blocked-post") ? text.closest("li.post") : null;
  }

  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection(), text = selection.isCollapsed ? "" : selection.toString().trim();
    var post = text && postOf(selection.anchorNode);
    if (!post || post !== postOf(selection.focusNode)) {
      if (document.activeElement !== button) { button.hidden = true; chosen = null; }
      return;
    }
    chosen = { post: post, text: text };
    post.querySelector(".post-actions").appendChild(button);
    button.hidden = false;
  });

  button.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the selection
  button.addEventListener("click", function () {
    if (!chosen) { return; }
    var lines = chosen.text.replace(/\r\n?/g, "\n").split("\n").map(function (line) {
      return ("> " + line).replace(/\s+$/, "");
    });
    var start = body.value.replace(/\s+$/, "");
    body.value = (start ? start + "\n\n" : "") + "[" + chosen.post.querySelector(".author").textContent.trim() +
      " wrote:](/t/" + list.getAttribute("data-thread") + "/p/" + chosen.post.id.slice(5) + ")\n" + lines.join("\n") + "\n\n";
    button.hidden = true; chosen = null;
    body.dispatchEvent(new Event("input", { bubbles: true }));
    body.focus();
  });
})();
