"""Markdown the chair and members write, made into clean HTML once, when the text is saved.

Converting and cleaning a text costs a few milliseconds; a page that showed it converted it on every view. Models
with Markdown keep the HTML beside the text (the way Zulip keeps a message's rendered content): their save()
writes it, and code that writes rows without save() (bulk_create) calls render_markdown() first. The stored HTML
went through nh3, so templates may print it as it is.
"""

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "h5", "blockquote", "code", "pre", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def render_markdown(text):
    """Markdown to HTML with only harmless tags left: no scripts, no styles, no event handlers."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"])
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}}, link_rel="noopener noreferrer")


class RenderedMarkdownMixin:
    """For a model with Markdown text fields: keeps `<field>_html` in step with each `<field>` on every save().

    MARKDOWN_FIELDS names the text fields; each has a `<field>_html` TextField beside it.
    """

    MARKDOWN_FIELDS = ()

    def render_markdown(self):
        for field in self.MARKDOWN_FIELDS:
            setattr(self, f"{field}_html", render_markdown(getattr(self, field)))

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.render_markdown()
        else:
            changed = [field for field in self.MARKDOWN_FIELDS if field in update_fields]
            for field in changed:
                setattr(self, f"{field}_html", render_markdown(getattr(self, field)))
            kwargs["update_fields"] = [*update_fields, *(f"{field}_html" for field in changed)]
        super().save(*args, **kwargs)


def fill_rendered_markdown(model, fields):
    """For a data migration: the stored HTML of every existing row (historical models have no methods)."""
    rows = list(model.objects.only("pk", *fields))
    for row in rows:
        for field in fields:
            setattr(row, f"{field}_html", render_markdown(getattr(row, field)))
    model.objects.bulk_update(rows, [f"{field}_html" for field in fields], batch_size=500)
