"""schema.org ``Event`` structured data of an event page.

Accessibility is given where schema.org has a property for it: the venue's
``amenityFeature`` (step-free access, quiet room) and the event's
``isAccessibleForFree``; subtitles and sign language have no Event property and are
said in the description and on the page.
"""

STATUS = {
    "prevu": "https://schema.org/EventScheduled",
    "annule": "https://schema.org/EventCancelled",
    "reporte": "https://schema.org/EventPostponed",
    "deplace-en-ligne": "https://schema.org/EventMovedOnline",
}
ATTENDANCE = {
    "en-ligne": "https://schema.org/OnlineEventAttendanceMode",
    "sur-place": "https://schema.org/OfflineEventAttendanceMode",
    "hybride": "https://schema.org/MixedEventAttendanceMode",
}


def _place(event) -> dict:
    address = {"@type": "PostalAddress", "addressCountry": "FR"}
    for key, value in (
        ("streetAddress", event.venue_address),
        ("postalCode", event.venue_postcode),
        ("addressLocality", event.venue_city),
        ("addressRegion", event.venue_department),
    ):
        if value:
            address[key] = value
    place = {"@type": "Place", "name": event.venue_name or event.venue_city, "address": address}
    if event.latitude is not None and event.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(event.latitude),
            "longitude": float(event.longitude),
        }
    features = []
    if event.step_free_access:
        features.append(
            {
                "@type": "LocationFeatureSpecification",
                "name": str(event.get_step_free_access_display()),
                "value": event.step_free_access == "complet",
            }
        )
    if event.quiet_room:
        features.append(
            {"@type": "LocationFeatureSpecification", "name": "Salle calme", "value": True}
        )
    if features:
        place["amenityFeature"] = features
    return place


def event_json_ld(event, data: dict, request=None) -> dict:
    data["@type"] = "Event"
    data["name"] = event.title
    if event.all_day:
        data["startDate"] = event.local_start.date().isoformat()
        data["endDate"] = event.last_day.isoformat()
    else:
        data["startDate"] = event.local_start.isoformat()
        data["endDate"] = event.local_end.isoformat()
    data["eventStatus"] = STATUS.get(event.status, STATUS["prevu"])
    if event.status == "deplace-en-ligne":
        data["eventAttendanceMode"] = ATTENDANCE["en-ligne"]
    else:
        data["eventAttendanceMode"] = ATTENDANCE.get(event.format, ATTENDANCE["en-ligne"])
    locations = []
    if event.is_on_site:
        locations.append(_place(event))
    if event.is_online:
        locations.append(
            {
                "@type": "VirtualLocation",
                "url": event.live_url or event.registration_url or data["url"],
            }
        )
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organizer = {"@type": "Organization", "name": event.organiser_name}
    if event.organiser_email:
        organizer["email"] = event.organiser_email
    data["organizer"] = organizer
    speakers = event.get_speakers()
    if speakers:
        data["performer"] = [{"@type": "Person", "name": person.name} for person in speakers]
    data["isAccessibleForFree"] = event.is_free
    if not event.is_free:
        offer = {
            "@type": "Offer",
            "price": f"{event.price:.2f}",
            "priceCurrency": "EUR",
        }
        if event.registration_url:
            offer["url"] = event.registration_url
        data["offers"] = offer
    image = event.get_listing_image()
    if image:
        data["image"] = image.get_rendition("fill-1200x630").full_url
    return data
