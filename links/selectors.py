def list_footer_links(*, school):
    from .models import Link

    return list(Link.objects.for_school(school).filter(show_in_footer=True))
