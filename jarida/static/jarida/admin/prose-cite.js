// The speaker of a quote, as the article body stores it:
// <blockquote><p>…</p><cite>who said it</cite></blockquote>.
// django-prose-editor has no node for <cite>, so without this one the editor turns the
// speaker's name into a plain paragraph the first time an article is saved.
import { Node, mergeAttributes } from "django-prose-editor/editor"

export const Cite = Node.create({
  name: "cite",
  group: "block",
  content: "inline*",
  marks: "",
  defining: true,

  parseHTML() {
    return [{ tag: "cite" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["cite", mergeAttributes(HTMLAttributes), 0]
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "cite",
      groups: "nodes",
      button: buttons.material("record_voice_over", "قائل الاقتباس"),
      command(editor) {
        if (editor.isActive("cite")) {
          editor.chain().focus().setParagraph().run()
        } else {
          editor.chain().focus().setNode("cite").run()
        }
      },
      active: (editor) => editor.isActive("cite"),
      enabled: (editor) => editor.isActive("blockquote"),
    })
  },
})
