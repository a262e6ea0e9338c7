"""French départements: what a person may type (a number or a name) and the code stored.

People answering a call write « Seine-Saint-Denis » as readily as « 93 »; both mean the
same département, stored as its code (the Inspir'actions are filtered by that code). Names
are compared without case, accents, hyphens or apostrophes, so « seine saint denis »,
« Côtes d'Armor » and « COTES-D’ARMOR » are all found.
"""

import re
import unicodedata

# The official codes and names (INSEE), the overseas ones included; « 20 » no longer
# exists since Corsica was split into 2A and 2B.
DEPARTMENTS = {
    "01": "Ain",
    "02": "Aisne",
    "03": "Allier",
    "04": "Alpes-de-Haute-Provence",
    "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes",
    "07": "Ardèche",
    "08": "Ardennes",
    "09": "Ariège",
    "10": "Aube",
    "11": "Aude",
    "12": "Aveyron",
    "13": "Bouches-du-Rhône",
    "14": "Calvados",
    "15": "Cantal",
    "16": "Charente",
    "17": "Charente-Maritime",
    "18": "Cher",
    "19": "Corrèze",
    "2A": "Corse-du-Sud",
    "2B": "Haute-Corse",
    "21": "Côte-d'Or",
    "22": "Côtes-d'Armor",
    "23": "Creuse",
    "24": "Dordogne",
    "25": "Doubs",
    "26": "Drôme",
    "27": "Eure",
    "28": "Eure-et-Loir",
    "29": "Finistère",
    "30": "Gard",
    "31": "Haute-Garonne",
    "32": "Gers",
    "33": "Gironde",
    "34": "Hérault",
    "35": "Ille-et-Vilaine",
    "36": "Indre",
    "37": "Indre-et-Loire",
    "38": "Isère",
    "39": "Jura",
    "40": "Landes",
    "41": "Loir-et-Cher",
    "42": "Loire",
    "43": "Haute-Loire",
    "44": "Loire-Atlantique",
    "45": "Loiret",
    "46": "Lot",
    "47": "Lot-et-Garonne",
    "48": "Lozère",
    "49": "Maine-et-Loire",
    "50": "Manche",
    "51": "Marne",
    "52": "Haute-Marne",
    "53": "Mayenne",
    "54": "Meurthe-et-Moselle",
    "55": "Meuse",
    "56": "Morbihan",
    "57": "Moselle",
    "58": "Nièvre",
    "59": "Nord",
    "60": "Oise",
    "61": "Orne",
    "62": "Pas-de-Calais",
    "63": "Puy-de-Dôme",
    "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées",
    "66": "Pyrénées-Orientales",
    "67": "Bas-Rhin",
    "68": "Haut-Rhin",
    "69": "Rhône",
    "70": "Haute-Saône",
    "71": "Saône-et-Loire",
    "72": "Sarthe",
    "73": "Savoie",
    "74": "Haute-Savoie",
    "75": "Paris",
    "76": "Seine-Maritime",
    "77": "Seine-et-Marne",
    "78": "Yvelines",
    "79": "Deux-Sèvres",
    "80": "Somme",
    "81": "Tarn",
    "82": "Tarn-et-Garonne",
    "83": "Var",
    "84": "Vaucluse",
    "85": "Vendée",
    "86": "Vienne",
    "87": "Haute-Vienne",
    "88": "Vosges",
    "89": "Yonne",
    "90": "Territoire de Belfort",
    "91": "Essonne",
    "92": "Hauts-de-Seine",
    "93": "Seine-Saint-Denis",
    "94": "Val-de-Marne",
    "95": "Val-d'Oise",
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
    "975": "Saint-Pierre-et-Miquelon",
    "976": "Mayotte",
}

# What a person may type: the longest name with room for « 93 - » or « (93) » around it.
INPUT_MAX_LENGTH = 60

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—'’ʼ.]+")


def _key(text: str) -> str:
    """« Côtes-d’Armor » → « cotes d armor »: no accents, case or punctuation differences."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_SEPARATORS.sub(" ", text.casefold()).split())


_BY_NAME = {_key(name): code for code, name in DEPARTMENTS.items()}
# Common ways of writing a few names.
_BY_NAME.update(
    {
        _key("Réunion"): "974",
        _key("Guyane française"): "973",
        _key("Belfort"): "90",
        _key("Corse du Sud"): "2A",
    }
)
# « 93 », « 2a », « 974 », or one digit for the first nine (« 1 » for the Ain).
_CODE = re.compile(r"\A(?:0?[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6])\Z")
# « 93 Seine-Saint-Denis », « 93 - Seine-Saint-Denis », « Seine-Saint-Denis (93) ».
_CODE_AND_NAME = re.compile(
    r"\A(?P<code1>[0-9]{1,3}|2[AB])\s*[-–—:,]?\s*(?P<name1>.+)\Z"
    r"|\A(?P<name2>.+?)\s*\(\s*(?P<code2>[0-9]{1,3}|2[AB])\s*\)\Z",
    re.IGNORECASE,
)


def _from_code(text: str) -> str | None:
    code = text.upper()
    if not _CODE.match(code):
        return None
    return code.zfill(2) if code.isdigit() else code


def department_code(text: str) -> str | None:
    """The code of the département typed as a number, a name or both; None when unknown.

    When both are typed they must agree (« 93 Gironde » is a typo, not a guess to make).
    """
    text = " ".join(unicodedata.normalize("NFKC", text or "").split())
    if not text:
        return None
    code = _from_code(text)
    if code in DEPARTMENTS:
        return code
    by_name = _BY_NAME.get(_key(text))
    if by_name:
        return by_name
    match = _CODE_AND_NAME.match(text)
    if match:
        code = _from_code(match["code1"] or match["code2"])
        name_code = _BY_NAME.get(_key(match["name1"] or match["name2"]))
        if code and code == name_code:
            return code
    return None
