"""WordPress exports written for the tests, in the shape WordPress 6's Tools › Export gives."""
# ruff: noqa: E501 - the export lines are written as WordPress writes them, one per entry.

from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Le Magazine</title>
	<link>https://mag.example</link>
	<description>Un magazine</description>
	<language>fr-FR</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://mag.example</wp:base_site_url>
	<wp:base_blog_url>https://mag.example</wp:base_blog_url>
"""
TAIL = "</channel>\n</rss>\n"
SITE = "https://mag.example"


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def author(login, email, first="", last="", author_id=1, display=""):
    return f"""
	<wp:author><wp:author_id>{author_id}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login><wp:author_email>{cdata(email)}</wp:author_email><wp:author_display_name>{cdata(display or login)}</wp:author_display_name><wp:author_first_name>{cdata(first)}</wp:author_first_name><wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>"""


def category(term_id, slug, name, description="", parent=""):
    return f"""
	<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>{cdata(slug)}</wp:category_nicename><wp:category_parent>{cdata(parent)}</wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name><wp:category_description>{cdata(description)}</wp:category_description></wp:category>"""


def tag(term_id, slug, name, description=""):
    return f"""
	<wp:tag><wp:term_id>{term_id}</wp:term_id><wp:tag_slug>{cdata(slug)}</wp:tag_slug><wp:tag_name>{cdata(name)}</wp:tag_name><wp:tag_description>{cdata(description)}</wp:tag_description></wp:tag>"""


def comment(comment_id, content, *, author="Lecteur", email="lecteur@example.org",
            url="", ip="203.0.113.5", date_gmt="2024-03-02 09:00:00", approved="1",
            parent=0, comment_type="comment"):
    return f"""
		<wp:comment>
			<wp:comment_id>{comment_id}</wp:comment_id>
			<wp:comment_author>{cdata(author)}</wp:comment_author>
			<wp:comment_author_email>{cdata(email)}</wp:comment_author_email>
			<wp:comment_author_url>{escape(url)}</wp:comment_author_url>
			<wp:comment_author_IP>{cdata(ip)}</wp:comment_author_IP>
			<wp:comment_date>{cdata(date_gmt)}</wp:comment_date>
			<wp:comment_date_gmt>{cdata(date_gmt)}</wp:comment_date_gmt>
			<wp:comment_content>{cdata(content)}</wp:comment_content>
			<wp:comment_approved>{cdata(approved)}</wp:comment_approved>
			<wp:comment_type>{cdata(comment_type)}</wp:comment_type>
			<wp:comment_parent>{parent}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>"""


def item(post_id, title, *, post_type="post", slug=None, status="publish", content="Un texte pour les tests.",
         excerpt="", creator="jeanne", date_gmt="2024-03-01 08:30:00", date_local=None,
         categories=(), tags=(), meta=None, comments=(), link=None, attachment_url="",
         parent=0, comment_status="open"):
    slug = slug if slug is not None else f"post-{post_id}"
    link = link or f"{SITE}/2024/03/{slug}/"
    terms = "".join(
        f'\n\t\t<category domain="category" nicename="{s}">{cdata(n)}</category>'
        for s, n in categories
    ) + "".join(
        f'\n\t\t<category domain="post_tag" nicename="{s}">{cdata(n)}</category>' for s, n in tags
    )
    metas = "".join(
        f"\n\t\t<wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(str(v))}</wp:meta_value></wp:postmeta>"
        for k, v in (meta or {}).items()
    )
    attachment = (
        f"\n\t\t<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>"
        if attachment_url else ""
    )
    return f"""
	<item>
		<title>{cdata(title)}</title>
		<link>{escape(link)}</link>
		<pubDate>Fri, 01 Mar 2024 08:30:00 +0000</pubDate>
		<dc:creator>{cdata(creator)}</dc:creator>
		<guid isPermaLink="false">{SITE}/?p={post_id}</guid>
		<description></description>
		<content:encoded>{cdata(content)}</content:encoded>
		<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
		<wp:post_id>{post_id}</wp:post_id>
		<wp:post_date>{cdata(date_local or date_gmt)}</wp:post_date>
		<wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>
		<wp:post_modified>{cdata(date_gmt)}</wp:post_modified>
		<wp:post_modified_gmt>{cdata(date_gmt)}</wp:post_modified_gmt>
		<wp:comment_status>{cdata(comment_status)}</wp:comment_status>
		<wp:ping_status>{cdata("open")}</wp:ping_status>
		<wp:post_name>{cdata(slug)}</wp:post_name>
		<wp:status>{cdata(status)}</wp:status>
		<wp:post_parent>{parent}</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type>{cdata(post_type)}</wp:post_type>
		<wp:post_password>{cdata("")}</wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>{attachment}{terms}{metas}{"".join(comments)}
	</item>"""


def attachment(post_id, file_path, *, caption="", description="", alt="", title="Photo",
               parent=0, link=None):
    url = f"{SITE}/wp-content/uploads/{file_path}"
    return item(
        post_id, title, post_type="attachment", slug=f"attachment-{post_id}", status="inherit",
        content=description, excerpt=caption, attachment_url=url, creator="jeanne",
        link=link or f"{SITE}/?attachment_id={post_id}", parent=parent,
        meta={"_wp_attached_file": file_path, **({"_wp_attachment_image_alt": alt} if alt else {})},
    )


def export(*parts):
    """The text of an export holding ``parts`` (authors, terms, items) in that order."""
    return HEAD + "".join(parts) + TAIL
