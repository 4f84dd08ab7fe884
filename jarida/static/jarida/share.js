/* Share links need no script: they are plain links to each service, with no code of
   theirs on the page. With script, two more buttons: the device's own share sheet where
   the browser has one, and "copy the link". */
(function () {
  "use strict";
  var nav = document.querySelector(".share");
  if (!nav) { return; }
  var status = nav.querySelector(".share__status");
  var native = nav.querySelector("[data-share-native]");
  var copy = nav.querySelector("[data-share-copy]");

  if (native && navigator.share) {
    native.hidden = false;
    native.querySelector("button").addEventListener("click", function (event) {
      var data = event.currentTarget.dataset;
      navigator.share({ title: data.title, url: data.url }).catch(function () {});
    });
  }
  if (copy && navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.querySelector("button").addEventListener("click", function (event) {
      var button = event.currentTarget;
      navigator.clipboard.writeText(button.dataset.url).then(function () {
        status.textContent = button.dataset.done;
      }).catch(function () {});
    });
  }
}());
