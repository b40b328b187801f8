"""Reads for sections."""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.models import Page


@dataclass
class TreeNode:
    page: Page
    children: list[TreeNode] = field(default_factory=list)


def get_site_tree(*, root: Page) -> list[TreeNode]:
    """Every live, public page below ``root`` as a nested tree, in one query."""
    pages = Page.objects.live().public().descendant_of(root).order_by("path")
    nodes: dict[str, TreeNode] = {}
    top: list[TreeNode] = []
    for page in pages:
        node = TreeNode(page)
        nodes[page.path] = node
        parent = nodes.get(page.path[: -Page.steplen])
        if parent is not None:
            parent.children.append(node)
        elif page.depth == root.depth + 1:
            top.append(node)
    return top
