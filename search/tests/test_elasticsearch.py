"""The Elasticsearch backend.

The request it builds and the documents it sends are checked everywhere (no server needed).
Against a real server, the whole relevance suite runs again through Elasticsearch when
``ELASTICSEARCH_URL`` is set; otherwise those tests are skipped, and say why.
"""

from __future__ import annotations

import os
import unittest

from django.test import SimpleTestCase, override_settings

import vntext
from search.backends import elasticsearch as es
from search.backends.base import Filters

from . import test_relevance

URL = os.environ.get("ELASTICSEARCH_URL", "")


class RequestTests(SimpleTestCase):
    def test_every_word_must_match_folded_and_the_last_may_be_a_start(self):
        body = es.build_query(
            school_id=7, visibilities=("public",), query=vntext.parse_query("Tuyển si"),
            filters=Filters(), mode="all",
        )["bool"]  # fmt: skip
        self.assertEqual(
            body["filter"], [{"term": {"school_id": 7}}, {"terms": {"visibility": ["public"]}}]
        )
        self.assertEqual(
            body["must"][0], {"multi_match": {"query": "tuyen", "fields": es.FOLDED_FIELDS}}
        )
        prefixes = body["must"][1]["bool"]["should"]
        self.assertEqual(prefixes[1], {"prefix": {"body.folded": "si"}})
        exact = body["should"][0]["multi_match"]
        self.assertEqual((exact["query"], exact["fields"]), ("tuyển si", es.EXACT_FIELDS))
        self.assertEqual(body["should"][1]["match_phrase"]["title.folded"]["query"], "tuyen si")

    def test_filters(self):
        import datetime

        body = es.build_query(
            school_id=1, visibilities=("public", "staff"), query=vntext.parse_query("x"),
            filters=Filters(kinds=("document",), section_path="00010002",
                            date_from=datetime.date(2025, 1, 1)),
            mode="all",
        )["bool"]  # fmt: skip
        self.assertIn({"terms": {"kind": ["document"]}}, body["filter"])
        self.assertIn({"prefix": {"section_path": "00010002"}}, body["filter"])
        self.assertIn({"range": {"date": {"gte": "2025-01-01"}}}, body["filter"])

    def test_some_words_and_typing_mistakes(self):
        body = es.build_query(
            school_id=1, visibilities=("public",), query=vntext.parse_query("tuyern sinh"),
            filters=Filters(), mode="any",
        )["bool"]  # fmt: skip
        self.assertEqual(body["minimum_should_match"], 1)
        self.assertIn(
            {"match": {"title.folded": {"query": "tuyern", "fuzziness": 1, "prefix_length": 1}}},
            body["should"],
        )

    def test_mapping_keeps_exact_and_folded_forms(self):
        analyzers = es.INDEX_SETTINGS["analysis"]["analyzer"]
        self.assertEqual(analyzers["vi_folded"]["filter"], ["lowercase", "asciifolding"])
        title = es.INDEX_MAPPINGS["properties"]["title"]
        self.assertEqual(title["analyzer"], "vi_exact")
        self.assertEqual(title["fields"]["folded"]["analyzer"], "vi_folded")


@unittest.skipUnless(URL, "Elasticsearch tests need ELASTICSEARCH_URL (a running server)")
@override_settings(
    PORTAL_SEARCH_ELASTICSEARCH={
        "URL": URL,
        "INDEX": f"test_site_search_{os.getpid()}",
        "REFRESH": "wait_for",
        "TIMEOUT": 10,
    }
)
class ElasticsearchRelevance(test_relevance.RelevanceSuite):
    """Every relevance case again, with candidates from Elasticsearch."""

    @classmethod
    def setUpTestData(cls):
        from search import indexing
        from search.backends import get_backend

        get_backend().drop_index()
        super().setUpTestData()
        for school in (cls.corpus.a, cls.corpus.b):
            indexing.rebuild_school(school)
        get_backend().client.indices.refresh(index=get_backend().index)

    @classmethod
    def tearDownClass(cls):
        from search.backends import get_backend

        get_backend().drop_index()  # the class's settings still apply here
        super().tearDownClass()

    def test_backend_is_elasticsearch(self):
        from search.backends import get_backend

        self.assertEqual(get_backend().name, "elasticsearch")
