/* "Quote this" for a selected passage, as chalicelib/forum/quotes.py quotes whole posts. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-draft-key^='reply:']");
  var body = form && form.elements.body;
  var list = document.querySelector(".post-list[data-thread]");
  if (!body || !list || !window.getSelection) { return; }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  button.textContent = "Quote this";
  button.hidden = true;
  var chosen = null;

  function postOf(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    var text = element && element.closest(".post-body");
    if (!text || text.closest(".blocked-post")) { return null; }
    return text.closest("li.post");
  }

  function quote(post, text) {
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    return "[" + post.querySelector(".author").textContent.trim() + " wrote:](/t/" +
      list.getAttribute("data-thread") + "/p/" + post.id.slice(5) + ")\n" +
      lines.map(function (line) { return ("> " + line).replace(/\s+$/, ""); }).join("\n") +
      "\n\n";
  }

  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    var text = selection.isCollapsed ? "" : selection.toString().trim();
    var post = text && postOf(selection.anchorNode);
    if (!post || post !== postOf(selection.focusNode)) {
      if (document.activeElement !== button) { button.hidden = true; chosen = null; }
      return;
    }
    chosen = { post: post, text: text };
    var actions = post.querySelector(".post-actions") || post;
    if (button.parentElement !== actions) { actions.appendChild(button); }
    button.hidden = false;
  });

  // Keep the selection through the click.
  button.addEventListener("mousedown", function (event) { event.preventDefault(); });
  button.addEventListener("click", function () {
    if (!chosen) { return; }
    var start = body.value.replace(/\s+$/, "");
    body.value = (start ? start + "\n\n" : "") + quote(chosen.post, chosen.text);
    button.hidden = true;
    chosen = null;
    body.dispatchEvent(new Event("input", { bubbles: true }));
    body.focus();
    body.setSelectionRange(body.value.length, body.value.length);
  });
})();
