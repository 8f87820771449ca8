from appointments.site import site_location


def clinic(request):
    return {"clinic_location": site_location()}
