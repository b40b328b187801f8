def school(request):
    return {"school": getattr(request, "school", None)}
