from appointments.site import kept_main_location


def clinic(request):
    return {"clinic_location": kept_main_location()}
