"""The editorial team's groups and what each may do; the data migration applies this.

Kept as plain data so tests can check the groups against the same definition.
"""

EDITORS = "Éditeurs"
MODERATORS = "Modérateurs"
CONTRIBUTORS = "Contributeurs"

# Page permissions granted on the root of the tree (and so on every page).
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    CONTRIBUTORS: ["add_page", "change_page"],
    MODERATORS: [],
}

# Collection permissions on the root collection for images and documents.
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    CONTRIBUTORS: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
    MODERATORS: [],
}

# Model permissions (app_label, codename). Content apps add theirs in their own migrations
# (e.g. testimonies grant the moderation permissions to MODERATORS).
MODEL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        ("core", "add_person"),
        ("core", "change_person"),
        ("core", "delete_person"),
        ("core", "change_sitesettings"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
    ],
    CONTRIBUTORS: [
        ("wagtailadmin", "access_admin"),
        ("core", "add_person"),
        ("core", "change_person"),
    ],
    MODERATORS: [("wagtailadmin", "access_admin")],
}
