/* Reader comments, progressive enhancement (jarida.comments).
   Without this script the form posts normally and the server asks once to confirm.
   With it: the per-reader tokens are fetched when the reader starts writing (the page
   itself stays the same for everyone, hence cacheable), the comment is posted without
   reloading, and "reply" moves the form under the comment. Nothing here builds HTML
   from reader text: messages go in with textContent, and a published comment's HTML
   comes from the server's own template. */
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form || !window.fetch || !window.FormData || !form.dataset.tokenUrl) { return; }
  var area = document.getElementById("comment-form-area");
  var home = area.parentNode;
  var homeNext = area.nextSibling;
  var statusLine = form.querySelector(".comment-form__status");
  var submit = form.querySelector(".comment-form__submit");
  var replying = document.getElementById("comment-form-replying");
  var tokens = null;

  function loadTokens() {
    if (!tokens) {
      tokens = fetch(form.dataset.tokenUrl, {
        credentials: "same-origin", headers: { Accept: "application/json" }
      }).then(function (response) {
        if (!response.ok) { throw new Error("token " + response.status); }
        return response.json();
      }).then(function (data) {
        form.elements.csrfmiddlewaretoken.value = data.csrf;
        form.elements.token.value = data.token;
      }).catch(function (error) { tokens = null; throw error; });
    }
    return tokens;
  }

  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll(".js-error"), function (node) {
      node.remove();
    });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (node) {
      node.removeAttribute("aria-invalid");
    });
  }

  function showErrors(errors) {
    Object.keys(errors || {}).forEach(function (name) {
      var field = form.elements[name];
      if (!field || !field.parentNode) { return; }
      var note = document.createElement("p");
      note.className = "comment-form__error js-error";
      note.id = field.id + "-js-error";
      note.textContent = errors[name].join(" ");
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", note.id);
      field.insertAdjacentElement("afterend", note);
    });
  }

  function say(text) { statusLine.textContent = text || ""; }

  function insertPublished(data) {
    var list = document.getElementById("comment-list");
    var holder = document.createElement("div");
    holder.innerHTML = data.html;  // the server's template, reader text escaped there
    var item = document.createElement("li");
    item.className = data.parent ? "" : "comment-thread";
    while (holder.firstChild) { item.appendChild(holder.firstChild); }
    var parent = data.parent && document.getElementById("comment-" + data.parent);
    var replies = parent && parent.parentNode.querySelector(".comment-replies");
    if (replies) {
      replies.appendChild(item);
    } else if (list) {
      var thread = document.createElement("ol");
      thread.className = "comment-replies";
      item.appendChild(thread);
      list.appendChild(item);
    }
    var empty = document.querySelector(".comments__empty");
    if (empty) { empty.remove(); }
  }

  function endReply() {
    form.elements.parent.value = "";
    replying.hidden = true;
    home.insertBefore(area, homeNext);
  }

  form.addEventListener("focusin", function () { loadTokens().catch(function () {}); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    say("");
    submit.disabled = true;
    loadTokens().then(function () {
      return fetch(form.action, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { Accept: "application/json" }
      });
    }).then(function (response) {
      return response.json();
    }).then(function (data) {
      if (data.ok) {
        form.elements.body.value = "";
        if (data.html) { insertPublished(data); }
        endReply();
        say(data.message);
      } else {
        if (data.code === "confirm") { tokens = null; }
        showErrors(data.errors);
        say(data.message || Object.keys(data.errors || {}).map(function (k) {
          return data.errors[k].join(" ");
        }).join(" "));
      }
    }).catch(function () {
      // Network or server trouble: fall back to the plain form post.
      form.submit();
    }).then(function () { submit.disabled = false; });
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-reply]");
    if (link) {
      event.preventDefault();
      var comment = document.getElementById("comment-" + link.dataset.reply);
      var thread = comment ? comment.parentNode : null;
      if (!thread) { return; }
      thread.appendChild(area);
      form.elements.parent.value = link.dataset.reply;
      replying.querySelector(".comment-form__replying-name").textContent = link.dataset.name;
      replying.hidden = false;
      form.elements.body.focus();
      return;
    }
    if (event.target.closest && event.target.closest(".comment-form__cancel")) {
      endReply();
    }
  });
}());
