"""`{% clause_url rule as url %}`: the policy library's URL of the clause a rule cites, or ""
when its document is not in the library. The links come from one selector call per request."""

from django import template

from cms.selectors import policy_library

register = template.Library()


@register.simple_tag(takes_context=True)
def clause_url(context, rule) -> str:
    links = policy_library.clause_links(request=context.get("request"))
    return links.url_for(rule) or ""
