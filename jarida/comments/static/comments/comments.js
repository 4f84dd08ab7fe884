/* Reader comments, progressive enhancement (jarida.comments).
   Without this script the form posts normally and the server asks once to confirm.
   With it: the per-reader tokens are fetched when the reader starts writing (the page
   itself stays the same for everyone, hence cacheable), the comment is posted without
   reloading, and "reply" moves the form under the comment. Nothing here builds HTML
   from reader text: messages go in with textContent, and a published comment's HTML
   comes from the server's own template. */
(function () {
  "use strict";
  // "More comments": the next page of the conversation, read from its own (cacheable)
  // page and appended here. Without script the link simply opens that page.
  var more = document.querySelector(".comments__more a[data-more]");
  if (more && window.fetch && window.DOMParser) {
    more.addEventListener("click", function (event) {
      event.preventDefault();
      if (more.getAttribute("aria-busy") === "true") { return; }
      more.setAttribute("aria-busy", "true");
      fetch(more.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          if (!response.ok) { throw new Error("comments " + response.status); }
          return response.text();
        }).then(function (html) {
          // The server's own template, reader text escaped there; parsed inertly.
          var page = new DOMParser().parseFromString(html, "text/html");
          var list = document.getElementById("comment-list");
          var first = null;
          Array.prototype.forEach.call(page.querySelectorAll("#comment-list > li"),
            function (item) {
              var shown = item.querySelector(".comment");
              // A comment this reader has just posted may already be on the page.
              if (shown && document.getElementById(shown.id)) { return; }
              var node = document.importNode(item, true);
              list.appendChild(node);
              first = first || node.querySelector(".comment");
            });
          var next = page.querySelector(".pagination a[rel=next]");
          if (next) {
            more.href = next.href;
            more.removeAttribute("aria-busy");
          } else {
            more.parentNode.remove();
          }
          if (first) { first.setAttribute("tabindex", "-1"); first.focus(); }
        }).catch(function () { window.location.href = more.href; });
    });
  }

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
