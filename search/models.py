"""The site search of each school: its index, its query log and its promoted results.

``SearchEntry`` is one thing a visitor may find (a page, a document of the registry, a resource,
a staff member, one item of a published work week), written only by ``search.indexing``. It
holds the text shown (``title``, ``body``) and the same words in the two forms of
``vntext.index_forms`` (exact and folded). The database search indexes are built on the folded
columns by migration ``0002`` (an FTS5 table kept by triggers on SQLite; a generated
``tsvector`` column with a GIN index and a trigram index on PostgreSQL), outside Django's model.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel

import vntext


class Kind(models.TextChoices):
    ARTICLE = "article", _("Article")
    PAGE = "page", _("Page")
    ALBUM = "album", _("Photo album")
    SECTION = "section", _("Section")
    DOCUMENT = "document", _("Official document")
    RESOURCE = "resource", _("Teaching resource")
    STAFF = "staff", _("Staff member")
    CALENDAR = "calendar", _("Work calendar")


# The ``loai`` values of the search page's URL, one per kind (Vietnamese, like every URL here).
KIND_SLUGS: dict[str, str] = {
    "bai-viet": Kind.ARTICLE,
    "trang": Kind.PAGE,
    "album": Kind.ALBUM,
    "chuyen-muc": Kind.SECTION,
    "van-ban": Kind.DOCUMENT,
    "tu-lieu": Kind.RESOURCE,
    "can-bo": Kind.STAFF,
    "lich-cong-tac": Kind.CALENDAR,
}


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    STAFF = "staff", _("The school's staff")


class SearchEntry(models.Model):
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The indexed object: its model label ("wagtailcore.page", "official_docs.officialdocument")
    # and id; ``part`` tells apart several entries of one object (a work week's items).
    source = models.CharField(_("source"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("object id"))
    part = models.PositiveBigIntegerField(_("part"), default=0)
    visibility = models.CharField(_("visible to"), max_length=10, choices=Visibility.choices)
    title = models.CharField(_("title"), max_length=500)
    url = models.CharField(_("address"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True)
    # The section the item is filed under: its page id, tree path (filters take the section
    # and everything below it) and title (shown).
    section_id = models.PositiveBigIntegerField(_("section"), null=True, blank=True)
    section_path = models.CharField(_("section path"), max_length=255, blank=True)
    section_title = models.CharField(_("section title"), max_length=255, blank=True)
    body = models.TextField(_("text"), blank=True)
    title_exact = models.TextField(blank=True)
    title_folded = models.TextField(blank=True)
    body_exact = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "object_id", "part"], name="unique_search_entry"
            )
        ]
        indexes = [
            models.Index(fields=["school", "visibility", "date"]),
            models.Index(fields=["school", "section_path"]),
        ]

    def __str__(self) -> str:
        return self.title


class SearchTerm(models.Model):
    """A folded word found in the index, for the near spellings of a mistyped word: the
    spellings one typing mistake away from it that are real words here (``search.backends``).
    Written by ``search.indexing``; never shrinks (a stale word only costs a look-up)."""

    term = models.CharField(_("word"), max_length=40, primary_key=True)

    class Meta:
        verbose_name = _("indexed word")
        verbose_name_plural = _("indexed words")

    def __str__(self) -> str:
        return self.term


class SearchQuery(models.Model):
    """How often a school's visitors searched for a query on one day, and how many results the
    last of those searches found. The query is kept folded (no case, no diacritics); no address,
    account or other trace of who searched is stored."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="search_queries",
        verbose_name=_("school"),
    )
    query = models.CharField(_("query"), max_length=200)
    day = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("searches"), default=0)
    hits = models.PositiveIntegerField(_("results"), default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        default_permissions = ("view",)  # written by the search page only
        ordering = ["-day", "-count"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "query", "day"], name="unique_search_query_per_day"
            )
        ]

    def __str__(self) -> str:
        return self.query


class Promotion(models.Model):
    """A page an editor puts on top of the results for a query of the school's visitors
    ("Kết quả ưu tiên"), whatever the ranking says. The query matches with or without
    diacritics, in any case."""

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="search_promotions",
        verbose_name=_("school"),
    )
    query = models.CharField(
        _("query"), max_length=200, help_text=_("What visitors type, e.g. tuyển sinh.")
    )
    query_key = models.CharField(max_length=200, editable=False, db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    description = models.CharField(
        _("description"),
        max_length=255,
        blank=True,
        help_text=_("Shown under the title; the page's own description when empty."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("school"),
        FieldPanel("query"),
        PageChooserPanel("page"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("promoted search result")
        verbose_name_plural = _("promoted search results")
        ordering = ["query_key", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "query_key", "page"], name="unique_promotion_per_query"
            )
        ]

    def __str__(self) -> str:
        return f"{self.query} → {self.page.title}"

    def save(self, *args, **kwargs):
        self.query = vntext.normalize(self.query)
        self.query_key = self.make_query_key(self.query)
        super().save(*args, **kwargs)

    @staticmethod
    def make_query_key(query: str) -> str:
        return vntext.parse_query(query).text

    def clean(self):
        super().clean()
        if not self.make_query_key(self.query):
            raise ValidationError({"query": _("Type at least one word.")})
        if self.school_id and self.page_id:
            from schools.selectors import page_in_school

            if not page_in_school(self.page, self.school):
                raise ValidationError({"page": _("Choose a page of this school's website.")})
