"""The back office's claim list with its rows written by TravelClaimChangeList.rows() (meetings/claims/admin.py)."""

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers, result_hidden_fields
from django.contrib.admin.templatetags.base import InclusionAdminNode

register = template.Library()


def claim_result_list(cl):
    """Django's admin_list.result_list, the rows from cl.rows() instead of a lookup and a formatting per cell."""
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
        "results": list(cl.rows()),
    }


@register.tag(name="claim_result_list")
def claim_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=claim_result_list, template_name="change_list_results.html", takes_context=False
    )
