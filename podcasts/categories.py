"""Apple Podcasts' categories and subcategories, as its feed specification lists them.

Apple matches the English ``text`` exactly, so the values stay in English; the editors
choose from this list, stored as « Category » or « Category/Subcategory ».
"""

APPLE_CATEGORIES: dict[str, list[str]] = {
    "Arts": ["Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"],
    "Business": [
        "Careers",
        "Entrepreneurship",
        "Investing",
        "Management",
        "Marketing",
        "Non-Profit",
    ],
    "Comedy": ["Comedy Interviews", "Improv", "Stand-Up"],
    "Education": ["Courses", "How To", "Language Learning", "Self-Improvement"],
    "Fiction": ["Comedy Fiction", "Drama", "Science Fiction"],
    "Government": [],
    "History": [],
    "Health & Fitness": [
        "Alternative Health",
        "Fitness",
        "Medicine",
        "Mental Health",
        "Nutrition",
        "Sexuality",
    ],
    "Kids & Family": ["Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"],
    "Leisure": [
        "Animation & Manga",
        "Automotive",
        "Aviation",
        "Crafts",
        "Games",
        "Hobbies",
        "Home & Garden",
        "Video Games",
    ],
    "Music": ["Music Commentary", "Music History", "Music Interviews"],
    "News": [
        "Business News",
        "Daily News",
        "Entertainment News",
        "News Commentary",
        "Politics",
        "Sports News",
        "Tech News",
    ],
    "Religion & Spirituality": [
        "Buddhism",
        "Christianity",
        "Hinduism",
        "Islam",
        "Judaism",
        "Religion",
        "Spirituality",
    ],
    "Science": [
        "Astronomy",
        "Chemistry",
        "Earth Sciences",
        "Life Sciences",
        "Mathematics",
        "Natural Sciences",
        "Nature",
        "Physics",
        "Social Sciences",
    ],
    "Society & Culture": [
        "Documentary",
        "Personal Journals",
        "Philosophy",
        "Places & Travel",
        "Relationships",
    ],
    "Sports": [
        "Baseball",
        "Basketball",
        "Cricket",
        "Fantasy Sports",
        "Football",
        "Golf",
        "Hockey",
        "Rugby",
        "Running",
        "Soccer",
        "Swimming",
        "Tennis",
        "Volleyball",
        "Wilderness",
        "Wrestling",
    ],
    "Technology": [],
    "True Crime": [],
    "TV & Film": ["After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"],
}


def category_choices() -> list[tuple[str, str]]:
    choices = []
    for category, subcategories in APPLE_CATEGORIES.items():
        choices.append((category, category))
        choices += [(f"{category}/{sub}", f"{category} › {sub}") for sub in subcategories]
    return choices


def split_category(value: str) -> tuple[str, str]:
    """(category, subcategory or "") from the stored value."""
    category, _, subcategory = value.partition("/")
    return category, subcategory


def find_category(category: str, subcategory: str = "") -> str:
    """The stored value for an imported (category, subcategory), or "" when Apple has none."""
    if category not in APPLE_CATEGORIES:
        return ""
    if subcategory in APPLE_CATEGORIES[category]:
        return f"{category}/{subcategory}"
    return category
