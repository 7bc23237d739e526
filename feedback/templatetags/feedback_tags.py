from django import template

register = template.Library()


@register.inclusion_tag("feedback/_ask.html", takes_context=True)
def was_this_helpful(context):
    """The “Was this helpful?” form for the current page, or the thanks after answering."""
    request = context["request"]
    return {"page": request.path, "thanked": request.GET.get("helpful") == "thanks"}
