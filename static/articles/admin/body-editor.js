// The article editor's own blocks (Tiptap nodes for django-prose-editor):
//
// - BodyFigure: a picture of the media library, stored as a reference
//   <figure data-image-id="42" data-decorative="false"><figcaption>…</figcaption></figure>
//   and rendered with its credit when the page is shown (articles/rendering.py). Its button
//   opens a dialog whose "Choose" button opens the media library in the admin's pop-up
//   (RelatedObjectLookups.js fills the dialog's field with the chosen or uploaded image).
// - Embed: a post or a video of another site, <figure data-embed-url="https://…">; a link
//   to one pasted alone on its line becomes one, as the server does for any such paragraph.
// - PullQuote: <blockquote class="pullquote">.
//
// Labels come translated from the server (the options of each extension).
import {
  mergeAttributes,
  Node,
  Plugin,
  updateAttrsDialog,
} from "django-prose-editor/editor"

const element = (tag, attributes = {}, children = []) => {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value)
  }
  node.append(...children)
  return node
}

let chooserCount = 0

// Insert ``content`` at the cursor; after the selected block when one is (a picture just
// inserted stays, the new block follows it).
const insertBlock = (editor, content) => {
  const { selection } = editor.state
  const chain = editor.chain().focus()
  if (selection.node) {
    chain.insertContentAt(selection.to, content)
  } else {
    chain.insertContent(content)
  }
  chain.run()
}

// The media library in the admin's pop-up. Django's RelatedObjectLookups.js finds the field
// to fill by the window's name: the field's id and the pop-up's depth ("__1").
const openChooser = (url, input) => {
  if (!input.id) input.id = `body-figure-image-${++chooserCount}`
  const address = new URL(url, window.location.href)
  address.searchParams.set("_popup", "1")
  address.searchParams.set("_to_field", "id")
  const popup = window.open(
    address.href,
    `${input.id}__1`,
    "height=600,width=900,resizable=yes,scrollbars=yes",
  )
  popup?.focus()
}

export const BodyFigure = Node.create({
  name: "bodyFigure",
  group: "block",
  atom: true,
  draggable: true,

  addOptions() {
    return {
      chooserUrl: "",
      thumbnailUrl: "",
      labels: {},
    }
  },

  addAttributes() {
    return {
      imageId: { default: null },
      decorative: { default: false },
      caption: { default: "" },
    }
  },

  parseHTML() {
    return [
      {
        tag: "figure[data-image-id]",
        priority: 60,
        getAttrs: (dom) => ({
          imageId: dom.getAttribute("data-image-id"),
          decorative: dom.getAttribute("data-decorative") === "true",
          caption: dom.querySelector("figcaption")?.textContent.trim() || "",
        }),
      },
    ]
  },

  renderHTML({ node }) {
    const figure = [
      "figure",
      {
        "data-image-id": node.attrs.imageId,
        "data-decorative": node.attrs.decorative ? "true" : "false",
      },
    ]
    if (node.attrs.caption) figure.push(["figcaption", {}, node.attrs.caption])
    return figure
  },

  addNodeView() {
    const { thumbnailUrl, labels } = this.options
    return ({ node }) => {
      const image = element("img", {
        src: thumbnailUrl.replace("__fk__", encodeURIComponent(node.attrs.imageId)),
        alt: "",
        class: "body-figure__thumbnail",
      })
      const description = [
        `${labels.picture || "Picture"} ${node.attrs.imageId}`,
        node.attrs.decorative ? ` · ${labels.decorative || "decorative"}` : "",
        node.attrs.caption ? ` · ${node.attrs.caption}` : "",
      ].join("")
      const dom = element(
        "figure",
        { class: "body-figure", "data-image-id": node.attrs.imageId },
        [image, element("figcaption", {}, [description])],
      )
      return { dom }
    }
  },

  addCommands() {
    return {
      editBodyFigure:
        () =>
        ({ editor, state }) => {
          const { labels, chooserUrl } = this.options
          const selected = state.selection.node
          const current =
            selected?.type.name === this.name ? selected.attrs : null
          updateAttrsDialog(
            {
              imageId: {
                type: "string",
                title: labels.image || "Image",
                required: true,
                picker: {
                  label: labels.choose || "Choose…",
                  handler: ({ input }) => openChooser(chooserUrl, input),
                },
              },
              caption: {
                type: "string",
                title: labels.caption || "Caption",
                description: labels.captionHelp || "",
              },
              decorative: {
                type: "boolean",
                title: labels.decorativeField || "Decorative",
              },
            },
            {
              title: labels.dialogTitle || "Picture",
              submitText: current
                ? labels.update || "Update"
                : labels.insert || "Insert",
            },
          )(editor, {
            imageId: current?.imageId || "",
            caption: current?.caption || "",
            decorative: current?.decorative || false,
          }).then((values) => {
            if (!values) return
            const imageId = String(values.imageId).trim()
            if (!/^[1-9][0-9]{0,9}$/.test(imageId)) return
            const attrs = {
              imageId,
              caption: values.caption.trim(),
              decorative: !!values.decorative,
            }
            if (current) {
              editor.chain().focus().updateAttributes(this.name, attrs).run()
            } else {
              insertBlock(editor, { type: this.name, attrs })
            }
          })
          return true
        },
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "bodyFigure",
      groups: "nodes",
      command(editor) {
        editor.chain().editBodyFigure().run()
      },
      button: buttons.material("image", this.options.labels.button || "Picture"),
      active(editor) {
        return editor.isActive("bodyFigure")
      },
    })
  },
})

// The providers' hosts, as articles/embeds.py knows them; the server decides in the end.
const EMBED_HOSTS = [
  "www.youtube.com",
  "youtube.com",
  "m.youtube.com",
  "youtu.be",
  "vimeo.com",
  "www.vimeo.com",
  "x.com",
  "www.x.com",
  "twitter.com",
  "www.twitter.com",
  "mobile.twitter.com",
  "bsky.app",
]

const looksEmbeddable = (text, mastodonHosts) => {
  if (!/^https:\/\/\S+$/.test(text)) return false
  try {
    const url = new URL(text)
    return (
      url.protocol === "https:" &&
      !url.port &&
      (EMBED_HOSTS.includes(url.hostname) ||
        mastodonHosts.includes(url.hostname))
    )
  } catch {
    return false
  }
}

export const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  draggable: true,
  priority: 1000,

  addOptions() {
    return {
      mastodonHosts: [],
      labels: {},
    }
  },

  addAttributes() {
    return { url: { default: "" } }
  },

  parseHTML() {
    return [
      {
        tag: "figure[data-embed-url]",
        priority: 60,
        getAttrs: (dom) => ({ url: dom.getAttribute("data-embed-url") }),
      },
    ]
  },

  renderHTML({ node }) {
    return ["figure", mergeAttributes({ "data-embed-url": node.attrs.url })]
  },

  addNodeView() {
    const { labels } = this.options
    return ({ node }) => ({
      dom: element("figure", { class: "body-embed", "data-embed-url": node.attrs.url }, [
        element("figcaption", {}, [`${labels.embed || "Embed"}: ${node.attrs.url}`]),
      ]),
    })
  },

  addCommands() {
    return {
      insertEmbed:
        () =>
        ({ editor }) => {
          const { labels } = this.options
          updateAttrsDialog(
            {
              url: {
                type: "string",
                format: "url",
                title: labels.address || "Address",
                description: labels.addressHelp || "",
                required: true,
              },
            },
            {
              title: labels.dialogTitle || "Embed",
              submitText: labels.insert || "Insert",
            },
          )(editor, { url: "" }).then((values) => {
            const url = values?.url.trim()
            if (!url) return
            insertBlock(editor, { type: this.name, attrs: { url } })
          })
          return true
        },
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "embed",
      groups: "nodes",
      command(editor) {
        editor.chain().insertEmbed().run()
      },
      button: buttons.material("smart_display", this.options.labels.button || "Embed"),
    })
  },

  addProseMirrorPlugins() {
    const { mastodonHosts } = this.options
    const type = this.type
    return [
      new Plugin({
        props: {
          // A link pasted alone in an empty paragraph becomes its embed.
          handlePaste(view, event) {
            const text = event.clipboardData?.getData("text/plain").trim()
            const { $from, empty } = view.state.selection
            if (
              !text ||
              !empty ||
              $from.parent.type.name !== "paragraph" ||
              $from.parent.content.size !== 0 ||
              !looksEmbeddable(text, mastodonHosts)
            ) {
              return false
            }
            const start = $from.before()
            const end = $from.after()
            view.dispatch(
              view.state.tr.replaceWith(start, end, type.create({ url: text })),
            )
            return true
          },
        },
      }),
    ]
  },
})

export const PullQuote = Node.create({
  name: "pullQuote",
  group: "block",
  content: "paragraph+",
  defining: true,

  addOptions() {
    return { labels: {} }
  },

  parseHTML() {
    return [{ tag: "blockquote.pullquote", priority: 60 }]
  },

  renderHTML() {
    return ["blockquote", { class: "pullquote" }, 0]
  },

  addCommands() {
    return {
      togglePullQuote:
        () =>
        ({ commands }) =>
          commands.toggleWrap(this.name),
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "pullQuote",
      groups: "nodes",
      command(editor) {
        editor.chain().focus().togglePullQuote().run()
      },
      button: buttons.material("format_size", this.options.labels.button || "Pull quote"),
      active(editor) {
        return editor.isActive("pullQuote")
      },
    })
  },
})
