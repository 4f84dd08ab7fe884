// Arabic for the article body editor's own words. django-prose-editor speaks English
// (and German, French, Polish): its dialogs ask Django's gettext, partly when its module
// first runs, so their words are added to the page's catalog (the admin loads it) by this
// classic script, which runs before any module; its toolbar titles and block menu are
// plain English, so they are replaced when an editor is ready, and again whenever the
// toolbar redraws a part of itself. A word the library adds later simply stays English.
(function () {
"use strict"

const WORDS = {
  // Toolbar
  "bold": "عريض",
  "italic": "مائل",
  "blockquote": "اقتباس",
  "unordered list": "قائمة نقطية",
  "ordered list": "قائمة مرقّمة",
  "horizontal rule": "خط فاصل",
  "figure": "صورة مع تعليق",
  "insert link": "أدرج رابطًا",
  "remove link": "أزل الرابط",
  "paragraph": "فقرة",
  "Paragraph": "فقرة",
  "Heading 2": "عنوان فرعي",
  "Heading 3": "عنوان فرعي أصغر",
  "undo": "تراجع",
  "redo": "أعد",
  "Toggle fullscreen": "ملء الشاشة",
  "List properties": "خصائص القائمة",
  // Dialogs
  "Add caption": "أضف تعليقًا على الصورة",
  "Alternative Text": "النص البديل",
  "Browse...": "استعرض...",
  "Bullets": "نقاط",
  "Cancel": "ألغِ",
  "Caption": "التعليق على الصورة",
  "Decimal numbers": "أرقام",
  "Edit Figure": "حرّر الصورة",
  "Edit HTML": "حرّر HTML",
  "Edit Image": "حرّر الصورة",
  "Edit Link": "حرّر الرابط",
  "Image URL": "رابط الصورة",
  "Insert Figure": "أدرج صورة",
  "Insert": "أدرج",
  "List type": "نوع القائمة",
  "Lowercase Roman numerals": "أرقام رومانية صغيرة",
  "Uppercase Roman numerals": "أرقام رومانية كبيرة",
  "Lowercase letters": "حروف لاتينية صغيرة",
  "Uppercase letters": "حروف لاتينية كبيرة",
  "Open in new window": "افتح في نافذة جديدة",
  "Prettify": "نسّق",
  "Remove caption": "أزل التعليق",
  "Start at": "ابدأ من",
  "Title": "نص التلميح",
  "URL": "الرابط",
  "Update": "حدّث",
}

const django = (globalThis.django ||= {})
django.catalog ||= {}
for (const [english, arabic] of Object.entries(WORDS)) {
  if (!(english in django.catalog)) {
    django.catalog[english] = arabic
  }
}

function translate(root) {
  for (const node of root.querySelectorAll("[title], [aria-label]")) {
    for (const name of ["title", "aria-label"]) {
      const arabic = WORDS[node.getAttribute(name)]
      if (arabic) {
        node.setAttribute(name, arabic)
      }
    }
  }
  for (const node of root.querySelectorAll(".prose-menubar__option > *")) {
    const arabic = WORDS[node.textContent]
    if (arabic) {
      node.textContent = arabic
    }
  }
}

function watch(menubar) {
  translate(menubar)
  new MutationObserver(() => translate(menubar)).observe(menubar, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["title", "aria-label"],
  })
}

// The toolbar is drawn just after the editor is ready: wait for it when it is not there.
document.addEventListener("prose-editor:ready", (event) => {
  const box = event.target.closest(".prose-editor")
  if (!box) {
    return
  }
  const menubar = box.querySelector(".prose-menubar")
  if (menubar) {
    watch(menubar)
    return
  }
  const waiting = new MutationObserver(() => {
    const drawn = box.querySelector(".prose-menubar")
    if (drawn) {
      waiting.disconnect()
      watch(drawn)
    }
  })
  waiting.observe(box, { childList: true, subtree: true })
})
}())
