"""Every message handbook shows, by its stable code: the English text and its kind.

The codes are grouped by where the message comes from, with room to grow in each group:

    HB0xx  site.yaml and the settings of any YAML file     HB5xx  theme, templates, catalogs
    HB1xx  reading files: YAML, text, links in the folder  HB6xx  output, cache, search index
    HB2xx  organisations and pages                          HB7xx  commands: summaries, serve, new, status
    HB3xx  Markdown, links, what sanitising takes out       HB80x-HB84x  phrases put into other messages
    HB4xx  the accessibility statement                      HB85x-HB89x  usage errors and --help
                                                            HB9xx  the comments `handbook new` writes

Adding a message: give it the next free code of its group, write it here, use it as
`registry.NAME(placeholder=…)`, then run `make messages` and translate it in every catalog
(tests/test_messages.py says what is missing). A code is never changed or given to another
message: when a message goes, its code goes into `retire(…)` below.

Placeholders are names in braces, `{key}`; other braces are text. Values in quotes ('{key}') are
what the editor wrote, shown as written. Texts of kind TEXT used as `{kind}` or `{what}` are put
into other sentences: their translations must fit there (see the translator comments).
"""

from __future__ import annotations

from .messages import HINT, NOTICE, TEXT, WARNING, Message, plural, retire

retire()  # no code has been retired yet

# -- HB0xx: site.yaml, and the keys of any YAML mapping (fields.py) ---------------------------

NO_SITE_FILE = Message("HB001", "no {file} in {folder}")
RUN_IN_SITE = Message("HB002", "run handbook in a site directory, or give its path: handbook build SITE", HINT)
# TRANSLATORS: {kind} is one of the phrases HB800-HB805 ("a text", "a list", …).
NOT_KEY_VALUE_LINES = Message("HB003", "{file} must be 'key: value' lines, got {kind}")
ADD_LANGUAGES = Message("HB004", "add e.g. 'languages: [sv, da, cs, en]'", HINT)
LANGUAGES_NOT_LIST = Message("HB005", "'languages' must be a list of language codes, got {kind}")
LANGUAGES_EXAMPLE = Message("HB006", "e.g. 'languages: [sv, da, cs, en]'", HINT)
UNKNOWN_LANGUAGE_CODE = Message("HB007", "unknown language code {code}")
LANGUAGE_CODE_NOT_TEXT = Message("HB008", "a language code must be a text, got {kind}")
USE_LOCALE_CODE = Message("HB009", "use a CLDR locale code such as sv, da, cs, en, de, ar", HINT)
# TRANSLATORS: YAML reads a bare no as "false"; 'no' is Norwegian's code.
USE_LOCALE_CODE_NO = Message("HB010", "use a CLDR locale code such as sv, da, cs, en, de, ar (put 'no' in quotes)",
                             HINT)
LANGUAGE_TWICE = Message("HB011", "language '{code}' is listed twice")
DEFAULT_NOT_IN_LANGUAGES = Message("HB012", "default_language '{code}' is not in 'languages'")
LANGUAGES_IN = Message("HB013", "languages in {file}: {languages}", HINT)
TITLE_LANGUAGE_UNKNOWN = Message("HB014", "title given for '{code}', which is not in 'languages'")
TITLE_NOT_TEXT = Message("HB015", "the title in '{code}' must be a text")
ADD_TITLE = Message("HB016", "add e.g. 'title: {sv: Handbok}'", HINT)
BASE_URL_OPTION = Message("HB017", "not an absolute http(s) URL: {url}")
BASE_URL_NOT_ABSOLUTE = Message("HB018", "'base_url' must be an absolute http(s) URL, got {url}")
BASE_URL_EXAMPLE = Message("HB019", "e.g. https://intranet.example/handbok/", HINT)
THEME_NAME = Message("HB020", "'theme' must be the name of a theme, got '{theme}'")
THEME_EXAMPLE = Message("HB021", "e.g. 'theme: default', or the name of a folder in themes/", HINT)

# TRANSLATORS: {what} is a file name, a quoted key, or one of HB813-HB819 ("a value", …).
UNKNOWN_KEY = Message("HB030", "unknown key '{key}' in {what}")
MAY_HOLD = Message("HB031", "{what} may hold: {keys}", HINT)
DID_YOU_MEAN = Message("HB032", "did you mean '{word}'?", HINT)
MISSING_KEY = Message("HB033", "{what} is missing '{key}'")
ADD_LINE = Message("HB034", "add a line '{key}: …'", HINT)
MUST_BE_TEXT = Message("HB035", "'{key}' must be a text, got {kind}")
QUOTE_TEXT = Message("HB036", "put the text in quotes if it contains ':' or starts with a special sign", HINT)
MUST_BE_WHOLE_NUMBER = Message("HB037", "'{key}' must be a whole number, got {kind}")
MUST_BE_TRUE_OR_FALSE = Message("HB038", "'{key}' must be true or false, got {kind}")
MUST_BE_DATE = Message("HB039", "'{key}' must be a date, got {kind}")
MUST_BE_DATE_SHOWN = Message("HB040", "'{key}' must be a date, got {kind} '{value}'")
WRITE_DATES = Message("HB041", "write dates as YYYY-MM-DD, e.g. 2019-03-01", HINT)
MUST_BE_LIST = Message("HB042", "'{key}' must be a list, got {kind}")
ONE_ITEM_PER_LINE = Message("HB043", "write each item on its own line, starting with '- '", HINT)
ITEM_MUST_BE_TEXT = Message("HB044", "each item of '{key}' must be a text, got {kind}")
# TRANSLATORS: {shape} is "{name, description}" or one of HB424-HB425.
MUST_BE_LIST_OF = Message("HB045", "'{key}' must be a list of {shape}, got {kind}")
ITEM_MUST_BE = Message("HB046", "each item of '{key}' must be {shape}, got {kind}")
MUST_BE = Message("HB047", "'{key}' must be {shape}, got {kind}")
TEXT_OR_TEXTS = Message("HB048", "'{key}' must be a text or one text per language, got {kind}")
NO_DEFAULT_TEXT = Message("HB049", "'{key}' has no text in the default language '{code}'")

# -- HB1xx: reading files: text, YAML, and which files may be read (sources.py, paths.py) -----

HALF_CHARACTER = Message("HB100", "this text holds half of a character (a \\uD800-\\uDFFF escape), which "
                                  "cannot be published")
WHOLE_CHARACTER = Message("HB101", "write the character itself, or its whole escape, e.g. \\U0001F600", HINT)
KEY_NOT_PLAIN = Message("HB102", "a key must be a plain word")
KEY_TWICE = Message("HB103", "'{key}' is given twice (first on line {line})")
KEEP_ONE = Message("HB104", "keep one of them", HINT)
# TRANSLATORS: {problem} is what the YAML reader says, one of HB170-HB176 or its English words.
YAML_SYNTAX = Message("HB105", "YAML syntax: {problem}")
# TRANSLATORS: {context} is one of HB180-HB186 or the YAML reader's English words.
YAML_SYNTAX_IN = Message("HB106", "YAML syntax: {problem} ({context})")
YAML_OTHER = Message("HB107", "YAML: {detail}")
NESTED_TOO_DEEPLY = Message("HB108", "the values are nested too deeply to be read")
FEWER_LEVELS = Message("HB109", "lists and 'key: value' lines need only a few levels inside each other", HINT)
NOT_A_DATE = Message("HB110", "'{value}' is not a valid date")
NOT_A_DATE_DAY = Message("HB111", "'{value}' is not a valid date: day is out of range for month")
LIST_UNREADABLE = Message("HB112", "this list cannot be read")
VALUE_UNREADABLE = Message("HB113", "this value cannot be read")
LEAVE_OUT_TAG = Message("HB114", "leave out any '!!…' before it", HINT)
# TRANSLATORS: {kind} is one of HB801, HB802, HB806, HB807, or a YAML type name.
CANNOT_READ_AS = Message("HB115", "'{value}' cannot be read as {kind}")
QUOTE_IT = Message("HB116", "to use it as a text, put it in quotes (and leave out any '!!…' before it)", HINT)
QUOTE_COLON = Message("HB117", "a value containing ': ' must be put in quotes", HINT)
NO_TABS = Message("HB118", "YAML is indented with spaces, not tabs", HINT)
CHECK_SPACES = Message("HB119", "check the spaces at the start of this line and the one above: lines that belong "
                                "together start with the same number of spaces (spaces, not tabs)", HINT)
END_QUOTE = Message("HB120", "a value that starts with a quotation mark must end with it; to quote part of it, "
                             "put the whole value in single quotes: title: '\"Word\" and more'", HINT)
MISSING_COLON = Message("HB121", "each line should be 'key: value'; check the line above for a missing colon", HINT)
CANNOT_READ_FILE = Message("HB122", "cannot read the file: {reason}")
NOT_UTF8 = Message("HB123", "the file is not valid UTF-8 (byte 0x{byte})")
SAVE_AS_UTF8 = Message("HB124", "save the file with UTF-8 encoding in your editor", HINT)
FRONT_MATTER_NOT_CLOSED = Message("HB125", "the front matter opened with '---' on line 1 is never closed")
CLOSE_FRONT_MATTER = Message("HB126", "add a line with only '---' after the last front matter line", HINT)
FRONT_MATTER_NOT_MAPPING = Message("HB127", "the front matter must be 'key: value' lines, got {kind}")

CANNOT_BE_READ = Message("HB130", "cannot be read: {reason}")
LINK_OUTSIDE = Message("HB131", "this is a link to {target}, which is outside the site folder")
COPY_INSTEAD = Message("HB132", "links may only point inside the site folder; copy the file into the site instead",
                       HINT)
# TRANSLATORS: {folder} is "content" or HB812 ("the site folder").
LINK_NOT_PUBLISHABLE = Message("HB133", "this is a link to {target}, which is not a file of {folder} that may be "
                                        "published")
CONTENT_LINKS = Message("HB134", "links in content/ may only point into content/, and never to hidden files; copy "
                                 "the file instead", HINT)
LINK_BROKEN = Message("HB135", "this is a link to {target}, which does not exist")
REMOVE_LINK = Message("HB136", "remove the link, or copy the file into the site instead", HINT)
LINK_LOOP = Message("HB137", "this link points to a folder that contains it")
ENDLESS = Message("HB138", "remove the link: it would make the folder endless", HINT)
CANNOT_READ_FOLDER = Message("HB139", "cannot read this folder: {reason}")
# TRANSLATORS: {kind} is one of HB808-HB811 ("a named pipe", …).
SPECIAL_FILE = Message("HB140", "this is {kind}, not a file; it is never read")
REMOVE_FROM_SITE = Message("HB141", "remove it from the site folder", HINT)

# What the YAML reader says, in words an editor can read (the rest is shown as it says it).
YAML_MAPPING_VALUES = Message("HB170", "mapping values are not allowed here", TEXT)
YAML_EXPECTED_END_KEY = Message("HB171", "expected <block end>, but found '?'", TEXT)
YAML_EXPECTED_END_ITEM = Message("HB172", "expected <block end>, but found '-'", TEXT)
YAML_EXPECTED_END_SCALAR = Message("HB173", "expected <block end>, but found '<scalar>'", TEXT)
YAML_NO_COLON = Message("HB174", "could not find expected ':'", TEXT)
YAML_TAB = Message("HB175", "found character '\\t' that cannot start any token", TEXT)
YAML_END_OF_STREAM = Message("HB176", "found unexpected end of stream", TEXT)
YAML_BLOCK_MAPPING = Message("HB180", "while parsing a block mapping", TEXT)
YAML_BLOCK_COLLECTION = Message("HB181", "while parsing a block collection", TEXT)
YAML_QUOTED = Message("HB182", "while scanning a quoted scalar", TEXT)
YAML_FLOW_SEQUENCE = Message("HB183", "while parsing a flow sequence", TEXT)
YAML_FLOW_MAPPING = Message("HB184", "while parsing a flow mapping", TEXT)
YAML_SIMPLE_KEY = Message("HB185", "while scanning a simple key", TEXT)
YAML_STARTS_ON = Message("HB186", "{context} that starts on line {line}", TEXT)

# -- HB2xx: organisations and pages (content.py, freshness.py) -------------------------------

NO_CONTENT = Message("HB200", "there is no content/ directory")
CREATE_CONTENT = Message("HB201", "create content/<organisation>/organisation.yaml, or run 'handbook new org <slug>'",
                         HINT)
FILE_IN_CONTENT = Message("HB202", "this file is not used: content/ holds one folder per organisation", WARNING)
MOVE_INTO_ORGANISATION = Message("HB203", "move it into an organisation's folder", HINT)
FOLDER_NOT_URL = Message("HB204", "the folder name '{name}' cannot be used in a URL")
RENAME_FOLDER = Message("HB205", "rename the folder to '{slug}'", HINT)
NO_ORGANISATION_FILE = Message("HB206", "the organisation '{slug}' has no {file}")
CREATE_ORGANISATION_FILE = Message("HB207", "create {path} with at least 'name:' and 'language:'", HINT)
LANGUAGE_NOT_IN_SITE = Message("HB208", "the language '{code}' is not in site.yaml")
COUNTRY_CODE = Message("HB209", "'country' must be a two-letter country code, got '{value}'")
COUNTRY_EXAMPLE = Message("HB210", "e.g. SE, DK, CZ", HINT)
WEB_ADDRESS = Message("HB211", "'{key}' must be a web address starting with https:// or http://, got '{value}'")
WEBSITE_EXAMPLE = Message("HB212", "e.g. https://www.proaros.dk/", HINT)
LOGO_NOT_IN_MEDIA = Message("HB213", "the logo file '{file}' is not in {folder}/media/")
PUT_LOGO_IN_MEDIA = Message("HB214", "put the file in {folder}/media/ and write 'logo: media/<file>'", HINT)
# TRANSLATORS: {why} is one of HB355-HB366.
DRAWING_NOT_PUBLISHED = Message("HB215", "this drawing cannot be published: {why}")
MEDIA_KINDS = Message("HB216", "publish documents as PDF and images as PNG, JPEG or a plain SVG drawing; zip other "
                               "files", HINT)
ORIGINAL_IS_DRAFT = Message("HB217", "not published: its original {page}.md is a draft", WARNING)
REMOVE_DRAFT = Message("HB218", "remove 'draft: true' from {page}.md when it is ready", HINT)
NOT_USED = Message("HB219", "this is not used", WARNING)
FILES_IN_MEDIA = Message("HB220", "images and other files go in media/", HINT)
PAGES_END_IN_MD = Message("HB221", "pages must end in .md, e.g. '{name}.md'", HINT)
SETTINGS_GO_IN = Message("HB222", "the organisation's settings go in {file}", HINT)
PUT_IN_MEDIA = Message("HB223", "put images and other files in media/", HINT)
PAGE_TOO_LONG = Message("HB224", "the page is {size} KB long, more than a page can be ({limit} KB)")
SPLIT_PAGE = Message("HB225", "split it into several pages", HINT)
FILE_NAME_NOT_URL = Message("HB226", "the file name '{name}' cannot be used in a URL")
RENAME_PAGE = Message("HB227", "rename it to '{slug}.md' (lower-case letters, digits and '-'; '<page>.<lang>.md' for "
                               "a translation)", HINT)
PAGE_LANGUAGE_NOT_IN_SITE = Message("HB228", "the language '{code}' of this page is not in site.yaml")
SLUG_NOT_URL = Message("HB229", "the slug '{slug}' cannot be used in a URL")
SLUG_CHARACTERS = Message("HB230", "use lower-case letters, digits and '-', e.g. '{slug}'", HINT)
REVIEW_BY_IN_TRANSLATION = Message("HB231", "'review_by' belongs in the original, {page}.md, not in a translation")
REVIEW_WITH_ORIGINAL = Message("HB232", "remove this line; when {page}.md is reviewed and its 'updated' date changes, "
                                        "'handbook status' shows this translation as OUTDATED", HINT)
TRANSLATED_FROM = Message("HB233", "the original is written in '{original}', not '{given}'")
WRITE_TRANSLATED_FROM = Message("HB234", "write 'translated_from: {original}', or leave the line out", HINT)
PERIOD_BACKWARDS = Message("HB235", "the period ends ({end}) before it starts ({start})")
NO_ORIGINAL = Message("HB236", "this is a translation of '{page}.md', which does not exist")
ADD_ORIGINAL = Message("HB237", "add {page}.md in the organisation's language, or rename this file", HINT)
SAME_LANGUAGE = Message("HB238", "'{page}.md' is already written in '{code}'")
OTHER_LANGUAGE = Message("HB239", "a translation must be in another language than the original", HINT)
SAME_URL = Message("HB240", "two pages have the URL /{path}: this one and {other}")
ANOTHER_SLUG = Message("HB241", "give one of them another 'slug:'", HINT)

PRINT_ADDRESS_TAKEN = Message("HB242", "the address '{slug}/' is taken by the organisation's printable handbook")
ANOTHER_SLUG_FOR_PRINT = Message("HB243", "choose another slug", HINT)
RENAME_OR_SLUG = Message("HB244", "rename the file, or give the page another address with a line 'slug: …' in "
                                  "its front matter", HINT)

REVIEW_DATE_PASSED = Message("HB250", "the review date {date} has passed: read the page again to see that it is "
                                      "still right", NOTICE)
REVIEW_AGAIN = Message("HB251", "update the text if it needs it, then set 'review_by:' to the next date it should "
                                "be read again (and 'updated:' to today if you changed it)", HINT)

# -- HB3xx: Markdown, links, and what sanitising takes out (links.py, markdown.py, sanitise.py)

MISSING_ANCHOR = Message("HB300", "the link '{url}' points to a missing anchor '#{anchor}'")
ANCHORS_THERE = Message("HB301", "anchors there: {anchors}", HINT)
NO_HEADINGS = Message("HB302", "that page has no headings to link to", HINT)
NO_SUCH_PAGE = Message("HB303", "the link '{url}' points to a page that does not exist")
PAGES_OF = Message("HB304", "pages of {organisation}: {pages}", HINT)
NO_SUCH_FILE = Message("HB305", "the file '{url}' does not exist")
PUT_FILE_IN_MEDIA = Message("HB306", "put the file in content/{organisation}/media/ and link to it as media/<file>",
                            HINT)
POINTS_TO_NOTHING = Message("HB307", "the link '{url}' points to nothing")
LINK_BY_FILE = Message("HB308", "link to another page by its file, e.g. 'values.md' or '../proaros/vision.md'", HINT)

NESTED_TOO_DEEPLY_TO_CONVERT = Message("HB310", "this text has lists, quotes or blocks nested too deeply to be "
                                                "converted")
FEWER_LEVELS_OF_LISTS = Message("HB311", "a list inside a list inside a list… needs only a few levels; check the "
                                         "spaces at the start of the lines", HINT)
TOO_SLOW = Message("HB312", "this text takes longer than {seconds} s to convert, so it is not published")
LOOK_FOR_UNCLOSED = Message("HB313", "look for a long run of '[', '<' or '*' that is never closed, or split the page",
                            HINT)
SAFE_LINKS = Message("HB314", "link to a web address (https://…), a page of the handbook ('values.md') or a file in "
                              "media/", HINT)
MORE_REMOVED = plural("HB315", "{count} more thing was removed from this file",
                      "{count} more things were removed from this file", WARNING)
FIX_THESE_FIRST = Message("HB316", "fix the ones above and build again to see the rest", HINT)
NOTE_NOT_CLOSED = Message("HB317", "'<!--' starts a note for editors that is never closed with '-->'; it is shown as "
                                   "text", WARNING)
CLOSE_NOTE = Message("HB318", "end the note with -->", HINT)

SECTION_REMOVED = Message("HB320", "<![{data}]]> removed: sections of this kind are not published, and nor is their "
                                   "text", WARNING)
DECLARATION_REMOVED = Message("HB321", "<!{data}> removed: page settings come from the theme", WARNING)
INSTRUCTION_REMOVED = Message("HB322", "<?{data}> removed: instructions for other programs are not published",
                              WARNING)
# TRANSLATORS: {why} is one of HB325-HB327.
LINK_NOT_ALLOWED = Message("HB323", "the link '{url}' is not allowed: {why}")
ADDRESS_NOT_ALLOWED = Message("HB324", "the address '{url}' is not allowed: {why}")
WHY_JAVASCRIPT = Message("HB325", "javascript: addresses run code in readers' browsers", TEXT)
WHY_VBSCRIPT = Message("HB326", "vbscript: addresses run code in readers' browsers", TEXT)
WHY_DATA = Message("HB327", "data: addresses can hide a page or a script inside the address", TEXT)
# TRANSLATORS: {why} is one of HB330-HB338.
TAG_REMOVED = Message("HB328", "<{tag}> removed: {why}", WARNING)
TAG_REMOVED_WITH_CONTENT = Message("HB329", "<{tag}> removed with its content: {why}", WARNING)
WHY_SCRIPTS = Message("HB330", "scripts are not published", TEXT)
WHY_STYLES = Message("HB331", "styles come from the theme", TEXT)
WHY_EMBEDDED = Message("HB332", "embedded pages and plug-ins are not published", TEXT)
WHY_FORMS = Message("HB333", "forms are not published", TEXT)
WHY_DRAWINGS = Message("HB334", "drawings and formulas written in the text are not published; put an image in "
                                "media/ and show it with ![…](media/<file>)", TEXT)
WHY_PLAYERS = Message("HB335", "players and image maps are not published; link to the file instead", TEXT)
WHY_PAGE_SETTINGS = Message("HB336", "page settings and scripted parts come from the theme", TEXT)
WHY_TAG = Message("HB337", "this tag is not allowed in content", TEXT)
WHY_TAG_TEXT_KEPT = Message("HB338", "this tag is not allowed in content; the text inside it is kept", TEXT)
LINK_INSTEAD = Message("HB339", "link to it instead, e.g. [Watch the film](https://…)", HINT)
ESCAPE_BRACKETS = Message("HB340", "to show angle brackets as text, write \\< and \\>, e.g. \\<name\\>", HINT)
CLASS_REMOVED = Message("HB341", "the class '{name}' removed from <{tag}>: the look of the page comes from the theme",
                        WARNING)
REMOTE_IMAGE = Message("HB342", "the image '{url}' will not be shown: readers' browsers load images only from the "
                                "handbook itself", WARNING)
LINK_INVALID = Message("HB343", "the link '{url}' removed from <{tag}>: it is not a valid address", WARNING)
ADDRESS_INVALID = Message("HB344", "the address '{url}' removed from <{tag}>: it is not a valid address", WARNING)
CHECK_ADDRESS = Message("HB345", "check the address: a port above 65535, a missing host or a mistyped character "
                                 "are common causes", HINT)
LINK_SCHEME = Message("HB346", "the link '{url}' removed from <{tag}>: only http, https, mailto and tel addresses "
                               "are published", WARNING)
ADDRESS_SCHEME = Message("HB347", "the address '{url}' removed from <{tag}>: only http, https, mailto and tel "
                                  "addresses are published", WARNING)
# TRANSLATORS: {why} is HB330 or one of HB349-HB351.
ATTRIBUTE_REMOVED = Message("HB348", "the attribute {name} removed from <{tag}>: {why}", WARNING)
WHY_LOOK = Message("HB349", "the look of the page comes from the theme", TEXT)
WHY_ELSEWHERE = Message("HB350", "it could load or send something from elsewhere", TEXT)
WHY_ATTRIBUTE = Message("HB351", "it is not allowed in content", TEXT)
MEDIA_NO_SUFFIX = Message("HB352", "a file without a suffix (.pdf, .png, …) cannot be published: browsers guess "
                                   "what it is")
MEDIA_SUFFIX = Message("HB353", "{suffix} files are not published: browsers could open them as pages of the handbook")
MEDIA_ACTIVE_SUFFIX = Message("HB354", "'{suffix}' in the name makes some web servers send the file as a page")
SVG_ENTITIES = Message("HB355", "it declares entities, which drawings do not need", TEXT)
SVG_DOCTYPE = Message("HB356", "its DOCTYPE declares things of its own, which drawings do not need", TEXT)
SVG_PROCESSING = Message("HB357", "it has a processing instruction (<?…?>), which can make a browser run a style "
                                  "sheet", TEXT)
SVG_NOT_WELL_FORMED = Message("HB358", "it is not a well-formed SVG file ({detail})", TEXT)
SVG_NOT_SVG = Message("HB359", "it is not an SVG drawing (its first element is not <svg> in the SVG namespace)", TEXT)
SVG_FOREIGN = Message("HB360", "it contains <{tag}>, which is not part of a drawing", TEXT)
SVG_ACTIVE = Message("HB361", "it contains <{tag}>, which can run script or lead elsewhere", TEXT)
SVG_STYLE_SHEET = Message("HB362", "its style sheet loads something from elsewhere", TEXT)
SVG_HANDLER = Message("HB363", "it has the event handler {name}, which runs script", TEXT)
SVG_REFERS = Message("HB364", "it refers to '{url}'; a drawing may only refer to parts of itself", TEXT)
SVG_STYLE = Message("HB365", "a style in it loads something from elsewhere", TEXT)
SVG_ANIMATES_LINK = Message("HB366", "it animates a link, which can make it run script", TEXT)

# -- HB4xx: the accessibility statement (accessibility.py) -----------------------------------

# TRANSLATORS: {kind} is one of HB800-HB805.
ACCESSIBILITY_WRONG = Message("HB400", "'accessibility' must be the facts of the accessibility statement, "
                                       "'required' or false, got {kind}")
ACCESSIBILITY_WRONG_SHOWN = Message("HB401", "'accessibility' must be the facts of the accessibility statement, "
                                             "'required' or false, got {kind} '{value}'")
WRITE_REQUIRED = Message("HB402", "write 'required' if the site must publish one", HINT)
WRITE_FACTS = Message("HB403", "write the facts as 'key: value' lines under 'accessibility:' (see docs/editing.md)",
                      HINT)
STATEMENT_INCOMPLETE = Message("HB404", "the accessibility statement is incomplete")
SEE_STATEMENT_GUIDE = Message("HB405", "see 'The accessibility statement' in docs/editing.md", HINT)
URL_AND_FACTS = Message("HB406", "'accessibility' has 'url', a statement published elsewhere, and '{key}', a fact of "
                                 "a statement published here")
KEEP_URL_OR_FACTS = Message("HB407", "keep only 'url', or remove it to publish the statement here", HINT)
REVIEWED_BEFORE_PREPARED = Message("HB408", "'reviewed' ({reviewed}) is before 'prepared' ({prepared})")
PREPARED_AND_REVIEWED = Message("HB409", "'prepared' is when the statement was first written, 'reviewed' when it was "
                                         "last checked", HINT)
ADD_PUBLISHER = Message("HB410", "add the name of the body that publishes the site, e.g. 'publisher: Ekdalens "
                                 "kommun'", HINT)
ADD_ISSUE_TEXT = Message("HB411", "add 'text: …' saying what is not accessible", HINT)
ADD_AUTHORITY = Message("HB412", "add the name of the authority readers can turn to, e.g. 'name: "
                                 "Tillsynsmyndigheten'", HINT)
QUOTE_TEXT_COLON = Message("HB413", "put the text in quotes if it contains ': ' or starts with a special sign", HINT)
TEXT_LANGUAGE_UNKNOWN = Message("HB414", "'{key}' has a text for '{code}', which is not in 'languages'")
TEXT_IN_LANGUAGE = Message("HB415", "the text of '{key}' in '{code}' must be a text, got {kind}")
ADD_DEFAULT_TEXT = Message("HB416", "add '{code}: …'; other languages show it where they have no text of their own",
                           HINT)
STATUS_NEEDS_ISSUES = Message("HB417", "'status: {status}' needs the content that is not accessible, listed under "
                                       "'issues'")
ADD_ISSUES = Message("HB418", "add 'issues:' with one '- ' line for each thing that is not accessible", HINT)
ONE_ISSUE_PER_LINE = Message("HB419", "write each thing that is not accessible on its own line, starting with '- '",
                             HINT)
FULL_WITH_ISSUE = Message("HB420", "'status: full' and an issue of {reason}: a fully compliant site has none")
PARTIAL_OR_OUT_OF_SCOPE = Message("HB421", "write 'status: partial', or mark content the law does not cover "
                                           "'reason: out-of-scope'", HINT)
ISSUE_SHAPE = Message("HB422", "each item of 'issues' must be a text or {text, reason}, got {kind}")
EMAIL = Message("HB423", "'email' must be an email address, got '{value}'")
CONTACT_SHAPE = Message("HB424", "a mapping of email, phone, url and name", TEXT)
ENFORCEMENT_SHAPE = Message("HB425", "a mapping of name and url", TEXT)
EMAIL_EXAMPLE = Message("HB426", "e.g. tillganglighet@example.org", HINT)
CONTACT_NEEDS_A_WAY = Message("HB427", "'contact' needs at least one way to reach you: email, phone or url")
CONTACT_EXAMPLE = Message("HB428", "e.g. 'email: tillganglighet@example.org'", HINT)
NO_ENFORCEMENT = Message("HB429", "the statement must name the enforcement body readers can turn to")
NO_ENFORCEMENT_FOR = Message("HB430", "the statement must name the enforcement body readers can turn to: handbook "
                                      "knows none for '{country}'")
GIVE_COUNTRY = Message("HB431", "give 'country' ({countries}), or 'enforcement:' with the body's 'name' and 'url'",
                       HINT)
ADD_CHOICE = Message("HB432", "add '{key}:' with one of {choices}", HINT)
ONE_OF = Message("HB433", "'{key}' must be one of {choices}, got '{value}'")
FEEDBACK_EXAMPLE = Message("HB434", "e.g. https://example.org/feedback", HINT)
PHONE_IN_QUOTES = Message("HB435", "'phone' must be in quotes: written without, it is read as a number")
PHONE_EXAMPLE = Message("HB436", "e.g. phone: '+46 771 11 44 00'", HINT)
PHONE = Message("HB437", "'phone' must be a phone number, got '{value}'")
PHONE_CHARACTERS = Message("HB438", "digits, spaces and a leading +, e.g. '+46 771 11 44 00'", HINT)
ADDRESS_TAKEN = Message("HB439", "the organisation's address {code}/{slug}/ is the accessibility statement's")
RENAME_FOLDER_STATEMENT = Message("HB440", "rename the folder: the statement in each language is at {paths}", HINT)
REQUIRED_BUT_MISSING = Message("HB441", "'accessibility: required', but site.yaml gives no accessibility statement",
                               WARNING)
GIVE_THE_FACTS = Message("HB442", "replace 'required' with the statement's facts (publisher, status, method, "
                                  "prepared, contact, country): see docs/editing.md", HINT)
NO_STATEMENT = Message("HB443", "this site publishes no accessibility statement", WARNING)
PUBLIC_BODIES = Message("HB444", "public bodies in the EU must publish one: add 'accessibility:' with its facts (see "
                                 "docs/editing.md), or 'accessibility: false' if the site needs none", HINT)

# -- HB5xx: theme, templates, catalogs (theme.py, render.py) ---------------------------------

NO_THEME = Message("HB500", "there is no theme '{theme}'")
USE_DEFAULT_THEME = Message("HB501", "use 'theme: default' or create themes/{theme}/templates/", HINT)
NO_INTERFACE_TRANSLATION = Message("HB502", "no interface translation for '{code}': menus and headings will be in "
                                            "English", WARNING)
PYBABEL_INIT = Message("HB503", "create it with: pybabel init -i {template} -d locales -l {code}", HINT)
TRANSLATION_HTML = Message("HB504", "the translation of '{msgid}' contains HTML, which readers will see as text",
                           WARNING)
PLAIN_TEXT = Message("HB505", "interface strings are plain text: remove the tags", HINT)
FUZZY = Message("HB506", "fuzzy translation of '{msgid}' is not used", WARNING)
CHECK_FUZZY = Message("HB507", "check the translation and remove the '#, fuzzy' line", HINT)
NOT_TRANSLATED = Message("HB508", "'{msgid}' is not translated", WARNING)
FILL_MSGSTR = Message("HB509", "fill in its msgstr", HINT)
NO_ENTRIES = plural("HB510", "{count} interface string has no entry for '{code}', e.g. '{msgid}'",
                    "{count} interface strings have no entry for '{code}', e.g. '{msgid}'", WARNING)
PYBABEL_UPDATE = Message("HB511", "run: pybabel update -i {template} -d locales -l {code}", HINT)
CANNOT_READ_CATALOG = Message("HB512", "cannot read the catalog: {detail}")
CHARSET_OR_NUL = Message("HB513", "the header should say charset=UTF-8; look for a control character (such as NUL) "
                                  "in a msgid", HINT)
CHARSET = Message("HB514", "the header should say charset=UTF-8", HINT)
LONE_PERCENT = Message("HB515", "the translation of '{msgid}' has a '%' that is neither '%%' nor a placeholder such "
                                "as %(name)s")
DOUBLE_PERCENT = Message("HB516", "write a percent sign as %%", HINT)
UNKNOWN_PLACEHOLDER = Message("HB517", "the translation of '{msgid}' uses %({name})s, which the original does not "
                                       "have")
# TRANSLATORS: {names} may be HB820 ("none").
ONLY_PLACEHOLDERS = Message("HB518", "use only the placeholders of the msgid: {names}", HINT)
NPLURALS = Message("HB519", "the header says nplurals={count}, but a language has 1 to 6 plural forms")
COPY_PLURAL_FORMS = Message("HB520", "copy the Plural-Forms line from the theme's catalog for the language", HINT)
CATALOG_SYNTAX = Message("HB521", "catalog syntax: {detail}")
CATALOG_LINE = Message("HB522", "catalog syntax: cannot read this line: {line}")
CATALOG_LINES = Message("HB523", "each line is msgid \"…\", msgstr \"…\", or a \"…\" continuation, with the quotes "
                                 "closed", HINT)
NO_SECURITY_POLICY = Message("HB524", "this page has no security policy")
KEEP_SECURITY_POLICY = Message("HB525", "keep <meta http-equiv=\"Content-Security-Policy\" content=\"{{ "
                                        "content_security_policy }}\"> in the <head> of base.html", HINT)
TEMPLATE_SYNTAX = Message("HB526", "template syntax: {detail}")
TEMPLATE_ERROR = Message("HB527", "template error: {detail}")

# -- HB6xx: output, cache, search index (output.py, build.py, cache.py, search.py) -----------

OUTPUT_IS_LINK = Message("HB600", "the output directory is a symbolic link")
REMOVE_LINK_OR_OUT = Message("HB601", "remove the link, or choose another --out", HINT)
OUTPUT_CONTAINS_SITE = Message("HB602", "the output directory would contain the site's sources")
ANOTHER_OUT = Message("HB603", "choose another --out, e.g. build/", HINT)
OUTPUT_NOT_DIRECTORY = Message("HB604", "the output path exists and is not a directory")
NOT_A_BUILD = Message("HB605", "refusing to replace this directory: it does not look like a handbook build")
EMPTY_OR_ANOTHER_OUT = Message("HB606", "empty it, or choose another --out", HINT)
CACHE_IS_LINK = Message("HB607", "{folder} is a link out of the site folder; the build cache is not used", WARNING)
CACHE_UNREADABLE = Message("HB608", "the build cache {file} could not be read ({detail}); it is rebuilt", WARNING)
CACHE_IN_GIT = Message("HB680", "the build cache {file} is in git, so it may not come from a build: it is not "
                                 "used; delete it ('git rm {file}'), and the next build makes a new one", WARNING)
CACHE_NOT_A_FILE = Message("HB681", "the build cache {file} is not a plain file (it is a link or a folder), so it "
                                     "is not used; delete it, and the next build makes a new one", WARNING)
NO_PAGEFIND = Message("HB609", "the search index needs Pagefind, which is not installed ({detail})")
INSTALL_AGAIN = Message("HB610", "install handbook again (Pagefind comes with it), or turn search off with "
                                 "'search: false' in site.yaml", HINT)
SEARCH_FAILED = Message("HB611", "the search index could not be built: {detail}")
SEARCH_FAULT = Message("HB612", "this is a fault of handbook or Pagefind, not of your texts; 'search: false' in "
                                "site.yaml builds the site without search meanwhile", HINT)
SEARCH_NOT_MADE = Message("HB613", "the search index of {code} was not made: {detail}", WARNING)

SEARCH_ADDRESS_TAKEN = Message("HB614", "the organisation's address {code}/{slug}/ is the search index's")
RENAME_OR_NO_SEARCH = Message("HB615", "rename the folder, or turn search off with 'search: false' in site.yaml", HINT)
NO_SITE_FOR_SCHEMAS = Message("HB616", "run it in a site folder, give that with --site, or say where to write the "
                                       "schemas with --out DIR", HINT)

# The browser editor at /admin/ (editor/): its setting in site.yaml, and its checks on saving.
EDITOR_NOT_MAPPING = Message("HB620", "'editor' must be 'key: value' lines naming the Git host, got {kind}")
EDITOR_EXAMPLE = Message("HB621", "e.g. editor: {backend: github, repo: example/handbook}", HINT)
EDITOR_BACKEND = Message("HB622", "the editor cannot use '{backend}'")
USE_ONE_OF = Message("HB623", "use one of: {choices}", HINT)
EDITOR_REPO = Message("HB624", "'repo' must be the repository as owner/name, got '{repo}'")
REPO_EXAMPLE = Message("HB625", "e.g. example/handbook", HINT)
EDITOR_BRANCH = Message("HB626", "'{branch}' is not a branch name")
BRANCH_EXAMPLE = Message("HB627", "e.g. main", HINT)
EDITOR_HTTPS = Message("HB628", "'{key}' must be an https:// address, got '{url}'")
ORGANISATION_UNLOADABLE = Message("HB629", "the organisation '{slug}' cannot be loaded")
FIX_FIRST = Message("HB630", "fix {file} first", HINT)
ADD_ORIGINAL_FIRST = Message("HB631", "add {page}.md in the organisation's language first", HINT)
SAME_URL_WOULD = Message("HB632", "two pages would have the URL /{path}: this one and {other}")
ANOTHER_ADDRESS = Message("HB633", "give one of them another address (slug)", HINT)
NOT_SAVED = Message("HB634", "not saved: {problems}", TEXT)
SITE_HAS_ERRORS = Message("HB635", "site.yaml has errors; fix them first:\n{problems}", TEXT)

# What the editor's server at /admin/api/v1 refuses (editor/backend.py, editor/app.py): requests
# a broken or hostile page could send. The editor shows them after "error[HBnnn]:". Texts in
# braces such as {action, params} and content/, media/, organisation.yaml are the protocol's
# and the folders' names: keep them as they are.
REQUEST_SHAPE = Message("HB640", "a request to the editor's server must be {action, params}")
PARAMS_NOT_OBJECT = Message("HB641", "'params' must be a JSON object, got {kind}")
UNKNOWN_ACTION = Message("HB642", "the editor's server does not know the action '{action}'")
ACTION_NOT_OFFERED = Message("HB643", "'{action}' is not offered: the editor saves straight into content/, "
                                      "without drafts")
NOTHING_TO_SAVE = Message("HB644", "nothing to save: the request names no file")
FILE_TO_SAVE_SHAPE = Message("HB645", "each file to save must be {path, raw}")
NO_MOVING = Message("HB646", "moving a page to another file is not offered: its address is its 'slug'")
NO_TEXT_TO_SAVE = Message("HB647", "{path}: there is no text to save")
UPLOAD_SHAPE = Message("HB648", "each upload must be {path, content, encoding}")
NOT_MEDIA = Message("HB649", "{path}: only files in an organisation's media/ folder are media")
PATHS_NOT_LIST = Message("HB650", "'{key}' must be a list of paths")
MEDIA_NOT_ENTRY = Message("HB651", "{path}: a media file is not a page or an organisation's settings")
MEDIA_FOLDER_ONLY = Message("HB652", "{path}: media are kept in an organisation's media/ folder: "
                                     "content/<organisation>/media")
NOT_A_PATH = Message("HB653", "not a path the editor may use: '{path}'")
ABSOLUTE_PATH = Message("HB654", "{path}: an absolute path is not allowed; paths start with content/")
DOTS_IN_PATH = Message("HB655", "{path}: '..', '.' and empty parts are not allowed in a path")
HIDDEN_PATH = Message("HB656", "{path}: hidden files and folders are not the handbook's")
ONLY_CONTENT = Message("HB657", "{path}: the editor reads and writes only inside content/")
PATH_IS_LINK = Message("HB658", "{path} is a link; the editor does not follow links")
PATH_OUTSIDE = Message("HB659", "{path}: this is outside content/")
FILE_NOT_THERE = Message("HB660", "{path}: there is no such file")
NOT_EDITABLE = Message("HB661", "{path}: the editor edits only organisation.yaml, pages (<page>.md, "
                                "<page>.<language>.md) and files in media/")
MEDIA_NOT_SAVED = Message("HB662", "{path}: media are uploaded, not saved as pages")
TEXT_TOO_LONG = Message("HB663", "{path}: the text is longer than a page may be ({size} KB)")
SENT_YAML_UNREADABLE = Message("HB664", "{path}: the editor sent YAML that cannot be read: {detail}")
SENT_NOT_MAPPING = Message("HB665", "{path}: the editor sent front matter that is not 'key: value' lines")
DISK_YAML_UNREADABLE = Message("HB666", "{path}: the file on disk cannot be read as YAML: {detail}")
DISK_NOT_MAPPING = Message("HB667", "{path}: the file on disk does not hold 'key: value' lines")
UPLOAD_OUTSIDE_MEDIA = Message("HB668", "{path}: files are uploaded into an organisation's media/ folder")
UPLOAD_NO_ORGANISATION = Message("HB669", "{path}: there is no organisation '{slug}'")
# TRANSLATORS: {reason} is one of HB352-HB354 (why a file of that name is not published).
CANNOT_UPLOAD = Message("HB670", "{name} cannot be uploaded: {reason}")
UPLOAD_NOT_BASE64 = Message("HB671", "{path}: an upload is sent as base64")
UPLOAD_TOO_LARGE = Message("HB672", "{name} is larger than {size} MB, more than a file of the handbook may be")
UPLOAD_BAD_BASE64 = Message("HB673", "{path}: the upload is not valid base64")
# TRANSLATORS: {reason} is one of the SVG phrases from HB355 on ("it declares entities, …").
SVG_NOT_PUBLISHABLE = Message("HB674", "{name} cannot be published: {reason}")
ONLY_MEDIA_DELETED = Message("HB675", "{path}: only media files are deleted in the editor; a page is removed by "
                                      "removing its file")
NOT_FROM_EDITOR = Message("HB676", "requests are accepted only from the editor's page on this server")
REQUEST_TOO_LARGE = Message("HB677", "a request may be at most {size} MB")
NOT_JSON = Message("HB678", "the request is not JSON")
WRONG_BRANCH = Message("HB679", "the editor on this computer saves into the folder itself (branch '{main}'), "
                                "not into '{branch}'")

# -- HB7xx: the commands: summaries, serve, new, new site, schema, status (cli.py, new.py, …) --

BUILT = Message("HB700", "built {pages} ({files}) into {out} in {seconds} s: {rendered} rendered, {written} written",
                TEXT)
PAGES = plural("HB701", "{count} page", "{count} pages")
FILES = plural("HB702", "{count} file", "{count} files")
CHECKED = Message("HB703", "checked {pages}: no errors", TEXT)
ERRORS = plural("HB704", "{count} error", "{count} errors")
WARNINGS = plural("HB705", "{count} warning", "{count} warnings")
ERRORS_AND_WARNINGS = Message("HB706", "{errors}, {warnings}", TEXT)
NOTHING_WRITTEN = Message("HB707", "{summary}; nothing was written, the previous output is unchanged", TEXT)
INTERRUPTED = Message("HB708", "interrupted; the previous output is unchanged", TEXT)
INTERNAL_ERROR = Message("HB709", "internal error: {detail}", TEXT)
REPORT_BUG = Message("HB710", "this is a bug in handbook, not in your content; please report it with the output of "
                              "'handbook --debug …'", TEXT)
REPORT_BUG_WITH_TEXT = Message("HB711", "internal error: this is a bug in handbook, not in your content; please "
                                        "report it with this text:", TEXT)
NO_FOLDER = Message("HB712", "there is no folder {folder}")
CANNOT_LISTEN = Message("HB713", "cannot listen on {host}:{port}: {reason}")
ANOTHER_PORT = Message("HB714", "try another --port", HINT)
PREVIEW_EXPOSED = Message("HB715", "serving on {host}: other computers on the network can see this preview", WARNING)
SERVING = Message("HB716", "serving {site} on {url} (press Ctrl+C to stop); the editor is at {editor}", TEXT)
REBUILT = Message("HB717", "rebuilt {pages} in {milliseconds} ms", TEXT)
REBUILD_FAILED = Message("HB718", "rebuild failed: still serving the last good version", TEXT)
OVERLAY_HEADING = Message("HB719", "The handbook could not be rebuilt", TEXT)
OVERLAY_ADVICE = Message("HB720", "Fix the file and save it: this page reloads by itself.", TEXT)
OVERLAY_TITLE = Message("HB721", "Error", TEXT)
CREATED = Message("HB722", "created {path}", TEXT)
UNKNOWN_MESSAGE_LANGUAGE = Message("HB723", "handbook has no messages in '{code}'")
MESSAGE_LANGUAGES = Message("HB724", "choose one of: {languages}", HINT)
SERVING_WITHOUT_EDITOR = Message("HB725", "serving {site} on {url} (press Ctrl+C to stop); the editor (/admin/) is "
                                          "offered only on 127.0.0.1, where no one else can reach it", TEXT)
EDITOR_SAVED = Message("HB726", "editor: saved {file}", TEXT)

ALREADY_EXISTS = Message("HB730", "already exists; nothing was written")
ANOTHER_NAME = Message("HB731", "choose another name, or edit the file", HINT)
NOT_A_SLUG = Message("HB732", "'{slug}' cannot be used in a URL")
ORGANISATION_EXISTS = Message("HB733", "this organisation already exists; nothing was written")
GIVE_PAGE_AS = Message("HB734", "give the page as <organisation>/<page>, e.g. proaros/strategy, or proaros/vision.en "
                                "for a translation")
PAGE_NAMES = Message("HB735", "page names use lower-case letters, digits and '-'", HINT)
NO_SUCH_ORGANISATION = Message("HB736", "there is no such organisation")
CREATE_ORGANISATION_FIRST = Message("HB737", "create it first: handbook new org {organisation}", HINT)
NOTHING_TO_TRANSLATE = Message("HB738", "there is no {page}.md to translate")
CREATE_ORIGINAL_FIRST = Message("HB739", "create the original first: handbook new page {organisation}/{page}", HINT)
ORIGINAL_ALREADY_IN = Message("HB740", "the original is already in '{code}'")

PRINT_SLUG_TAKEN = Message("HB741", "'{slug}' is the address of the organisation's printable handbook, so no page "
                                    "can have it")
ANOTHER_PAGE_NAME = Message("HB742", "choose another name, e.g. {example}", HINT)
NO_LANGUAGES_GIVEN = Message("HB760", "give at least one language code")
LANGUAGES_OPTION_EXAMPLE = Message("HB761", "e.g. --languages sv,en", HINT)
LANGUAGE_GIVEN_TWICE = Message("HB762", "the language '{code}' is given twice")
COUNTRY_NOT_LANGUAGE = Message("HB763", "'{code}' is a country code; the language is '{language}'", HINT)
USE_LANGUAGE_CODES = Message("HB764", "use language codes such as sv, da, cs, en", HINT)
NOT_A_FOLDER = Message("HB765", "this is a file, not a folder; nothing was written")
NEW_FOLDER = Message("HB766", "give the name of a new folder", HINT)
FOLDER_NOT_EMPTY = Message("HB767", "this folder is not empty; nothing was written")
NEW_OR_EMPTY_FOLDER = Message("HB768", "give the name of a new folder (or an empty one): a new site never writes "
                                       "over files", HINT)
NEXT_STEP = Message("HB769", "next: cd {folder}, then 'handbook serve' shows the handbook in your browser while you "
                             "edit", TEXT)
# TRANSLATORS: {name} is the language's name, in the language of this catalog ('tyska').
INTERFACE_NOT_TRANSLATED = Message("HB770", "note: the interface (menus, headings) is not translated into {name} "
                                            "({code}) yet: 'handbook build' shows it in English, and 'handbook build "
                                            "--strict' stops until locales/{code}/LC_MESSAGES/messages.po translates "
                                            "it (see the README, 'The interface in another language')", TEXT)
INTERFACE_NOT_TRANSLATED_COUNTRY = Message(
    "HB771", "note: the interface (menus, headings) is not translated into {name} ({code}) yet: 'handbook build' "
             "shows it in English, and 'handbook build --strict' stops until locales/{code}/LC_MESSAGES/messages.po "
             "translates it (see the README, 'The interface in another language'); if you meant the language of "
             "{country}, its code is '{language}'", TEXT)
WROTE = Message("HB772", "wrote {path}", TEXT)
SETTINGS_LEFT_AS_THEY_ARE = Message("HB773", "note: {file} exists, so it was left as it is; for checks while typing, "
                                             "add to it:\n{setting}", TEXT)

# `handbook explain HB030` (explain.py): what a message means, in the editor's language.
NO_SUCH_CODE = Message("HB774", "handbook has no message {code}")
GIVE_CODE = Message("HB775", "give the code a message shows in brackets, e.g. handbook explain HB030", HINT)
CODE_RETIRED = Message("HB776", "{code} was retired: this version of handbook never says it")
EXPLAIN_ERROR = Message("HB777", "An error: 'handbook build' writes nothing until it is fixed, and the site "
                                 "published before stays as it was.", TEXT)
EXPLAIN_WARNING = Message("HB778", "A warning: the handbook is still built, but 'handbook build --strict', as CI "
                                   "runs it, stops until it is fixed.", TEXT)
EXPLAIN_NOTICE = Message("HB779", "A notice: it never stops a build, not even with --strict; it tells someone what "
                                  "to do.", TEXT)
# TRANSLATORS: {codes} lists the codes of the messages this hint is shown under: HB030, HB033.
EXPLAIN_HINT = Message("HB780", "A hint: shown under a message, it says how to fix it. It comes with {codes}.", TEXT)
EXPLAIN_TEXT = Message("HB781", "Words handbook uses in what it prints (a summary, a heading, a phrase inside other "
                                "messages, a note in a new file), not a mistake: nothing needs fixing.", TEXT)
EXPLAIN_PLACEHOLDERS = Message("HB782", "Words in braces stand for what handbook found; your message has them "
                                        "filled in.", TEXT)
EXPLAIN_FIX = Message("HB783", "How to fix it: handbook says this under the message:", TEXT)
EXPLAIN_FIXES = Message("HB784", "How to fix it: under the message, handbook says the one of these that fits:", TEXT)
EXPLAIN_NO_HINT = Message("HB785", "handbook gives no hint with it: the message itself says what to change.", TEXT)
# TRANSLATORS: {guide} is HB788, the editors' guide in the language of this catalog.
EXPLAIN_IN_GUIDE = Message("HB786", "The editors' guide, {guide}, shows this message and how to fix it: search it "
                                    "for {code}.", TEXT)
EXPLAIN_NOT_IN_GUIDE = Message("HB787", "The editors' guide, {guide}, does not show this message, but its part on "
                                        "error messages says how to read any message.", TEXT)
# TRANSLATORS: the editors' guide in the language of this catalog: docs/editing.sv.md in Swedish.
GUIDE_FILE = Message("HB788", "docs/editing.md", TEXT)

# TRANSLATORS: the heading of the first column of 'handbook status'.
STATUS_PAGE = Message("HB750", "page", TEXT)
# TRANSLATORS: HB751-HB753 mark a cell of 'handbook status'; keep them short (a column is 12 wide).
STATUS_ORIGINAL = Message("HB751", "original", TEXT)
STATUS_TRANSLATED = Message("HB752", "translated", TEXT)
STATUS_OUTDATED = Message("HB753", "OUTDATED", TEXT)
STATUS_SUMMARY = Message("HB754", "{pages}; {translations} ({outdated}); {missing}", TEXT)
TRANSLATIONS = plural("HB755", "{count} translation", "{count} translations")
OUTDATED = plural("HB756", "{count} outdated", "{count} outdated")
MISSING = plural("HB757", "{count} missing", "{count} missing")
PAST_REVIEW = plural("HB758", "{count} page past the review date:", "{count} pages past the review date:")
REVIEW_BY = Message("HB759", "review by {date}", TEXT)

SEVERITY_ERROR = Message("HB790", "error", TEXT)
SEVERITY_WARNING = Message("HB791", "warning", TEXT)
SEVERITY_NOTICE = Message("HB792", "notice", TEXT)
HINT_LABEL = Message("HB793", "hint", TEXT)

# -- HB80x-HB84x: phrases put into other messages ---------------------------------------------

# TRANSLATORS: HB800-HB805 name what an editor wrote, after "got" ("'title' must be a text, got a list").
KIND_NOTHING = Message("HB800", "nothing", TEXT)
KIND_YES_NO = Message("HB801", "yes/no", TEXT)
KIND_NUMBER = Message("HB802", "a number", TEXT)
KIND_TEXT = Message("HB803", "a text", TEXT)
KIND_LIST = Message("HB804", "a list", TEXT)
KIND_MAPPING = Message("HB805", "a mapping", TEXT)
KIND_WHOLE_NUMBER = Message("HB806", "a whole number", TEXT)
KIND_BINARY = Message("HB807", "binary data", TEXT)
KIND_PIPE = Message("HB808", "a named pipe", TEXT)
KIND_SOCKET = Message("HB809", "a socket", TEXT)
KIND_DEVICE = Message("HB810", "a device", TEXT)
KIND_SPECIAL = Message("HB811", "a special file", TEXT)
THE_SITE_FOLDER = Message("HB812", "the site folder", TEXT)
# TRANSLATORS: HB813-HB819 are {what} in HB030 ("unknown key 'x' in …"), HB031 and HB033 ("… is missing 'x'").
THE_FRONT_MATTER = Message("HB813", "the front matter", TEXT)
FRONT_MATTER_VISION = Message("HB814", "the front matter of a vision page", TEXT)
FRONT_MATTER_VALUES = Message("HB815", "the front matter of a values page", TEXT)
FRONT_MATTER_STRATEGY = Message("HB816", "the front matter of a strategy page", TEXT)
A_VALUE = Message("HB817", "a value", TEXT)
A_PERIOD = Message("HB818", "a period", TEXT)
AN_ISSUE = Message("HB819", "an issue", TEXT)
NONE = Message("HB820", "none", TEXT)
NO_REASON_GIVEN = Message("HB821", "no reason given", TEXT)
# TRANSLATORS: HB822-HB831 say where the messages of a group of codes come from and what
# usually causes them (handbook explain).
ABOUT_SETTINGS = Message("HB822", "It is about the settings of site.yaml, an organisation.yaml or the top of a "
                                  "page: usually a key that is misspelt or missing, or a value of the wrong kind.",
                         TEXT)
ABOUT_READING = Message("HB823", "It comes from reading a file: usually a colon, a quotation mark or an indentation "
                                 "that YAML reads otherwise than meant, a file not saved as UTF-8, or a link that "
                                 "leads out of the site folder.", TEXT)
ABOUT_PAGES = Message("HB824", "It is about an organisation or a page: usually a file name, a language, a "
                               "translation without its original, or two pages with the same address.", TEXT)
ABOUT_MARKDOWN = Message("HB825", "It is about the text of a page: usually a link to a page, a heading or a file "
                                  "that does not exist, or HTML copied from a web page.", TEXT)
ABOUT_STATEMENT = Message("HB826", "It is about the accessibility statement, 'accessibility:' in site.yaml: usually "
                                   "a fact that is missing, or a word the statement does not use.", TEXT)
ABOUT_THEME = Message("HB827", "It is about the theme: its templates, or the translations of the interface in "
                               "locales/.", TEXT)
ABOUT_OUTPUT = Message("HB828", "It is about what a build writes, its cache, the search index or the browser "
                                "editor: usually the folder given with --out, or 'editor:' in site.yaml.", TEXT)
ABOUT_COMMANDS = Message("HB829", "It comes from a command (build, serve, new, status, schema, explain): usually a "
                                  "name or a folder given to it.", TEXT)
ABOUT_COMMAND_LINE = Message("HB830", "It is about how the command was typed: usually a misspelt command or "
                                      "option; '--help' shows what a command takes.", TEXT)

# -- HB85x-HB89x: the command line's own words: usage errors (argparse's) and --help -------------

USAGE_REQUIRED = Message("HB850", "the following arguments are required: {names}")
USAGE_INVALID_CHOICE = Message("HB851", "argument {argument}: invalid choice: {value} (choose from {choices})")
USAGE_INVALID_VALUE = Message("HB852", "argument {argument}: invalid {type} value: {value}")
USAGE_EXPECTED_ONE = Message("HB853", "argument {argument}: expected one argument")
USAGE_UNRECOGNIZED = Message("HB854", "unrecognized arguments: {arguments}")
USAGE_OTHER = Message("HB855", "{detail}")
SEE_HELP = Message("HB856", "'{command} --help' shows what it takes", HINT)
USAGE = Message("HB857", "usage:", TEXT)
HELP_POSITIONALS = Message("HB858", "positional arguments", TEXT)
HELP_OPTIONS = Message("HB859", "options", TEXT)
HELP_HELP = Message("HB860", "show this help message and exit", TEXT)
HELP_VERSION = Message("HB861", "show program's version number and exit", TEXT)
HELP_HANDBOOK = Message("HB862", "Build a multilingual handbook of organisations' vision, values and strategy.", TEXT)
HELP_DEBUG = Message("HB863", "show tracebacks of internal errors", TEXT)
HELP_LANG = Message("HB864", "the language of messages and of the editor at /admin/: cs, da, en or sv (default: "
                             "HANDBOOK_LANG, else LC_ALL, LC_MESSAGES or LANG)", TEXT)
HELP_BUILD = Message("HB865", "build the site into build/", TEXT)
HELP_SITE = Message("HB866", "site directory (default: .)", TEXT)
HELP_OUT = Message("HB867", "output directory (default: SITE/build)", TEXT)
HELP_STRICT_CI = Message("HB868", "treat warnings as errors (for CI)", TEXT)
HELP_BASE_URL = Message("HB869", "override base_url from site.yaml", TEXT)
HELP_CACHE = Message("HB870", "where to keep the build cache (default: SITE/.cache/handbook)", TEXT)
HELP_NO_CACHE = Message("HB871", "build everything from nothing, without reading or writing the cache", TEXT)
HELP_CHECK = Message("HB872", "check everything, write nothing", TEXT)
HELP_STRICT = Message("HB873", "treat warnings as errors", TEXT)
HELP_SERVE = Message("HB874", "preview the site, rebuilding and reloading on every save", TEXT)
HELP_PORT = Message("HB875", "port (default: 8000)", TEXT)
HELP_HOST = Message("HB876", "address to listen on (default: 127.0.0.1, this computer only)", TEXT)
HELP_NEW = Message("HB877", "start a new organisation or page from a template", TEXT)
HELP_NEW_ORG = Message("HB878", "a new organisation: content/<slug>/", TEXT)
HELP_SLUG = Message("HB879", "its folder and URL name, e.g. center-norrebro", TEXT)
HELP_LANGUAGE = Message("HB880", "the language it writes in (default: site.yaml's default_language)", TEXT)
HELP_NAME = Message("HB881", "its name as readers see it", TEXT)
HELP_NEW_PAGE = Message("HB882", "a new page, or a translation with <org>/<page>.<lang>", TEXT)
HELP_PAGE = Message("HB883", "e.g. proaros/strategy, or proaros/vision.en for a translation", TEXT)
HELP_STATUS = Message("HB884", "which pages exist in which languages, and which are past their review date", TEXT)
HELP_JSON = Message("HB885", "print JSON for scripts", TEXT)
HELP_NEW_SITE = Message("HB886", "a whole new site to start from, in a new folder", TEXT)
HELP_FOLDER = Message("HB887", "the new folder (or an empty one), e.g. handbok", TEXT)
HELP_LANGUAGES = Message("HB888", "the handbook's language codes, the main one first (default: en), e.g. sv,en", TEXT)
HELP_ORG = Message("HB889", "the first organisation's folder and URL name (default: from FOLDER)", TEXT)
HELP_SITE_NAME = Message("HB890", "its name as readers see it, also the handbook's title", TEXT)
HELP_SCHEMA = Message("HB891", "write JSON Schemas of the settings, for editors that check YAML while you type", TEXT)
HELP_SCHEMA_OUT = Message("HB892", "where to write them (default: SITE/.handbook/schemas, with editor settings)", TEXT)
HELP_EXPLAIN = Message("HB893", "what a message means and how to fix it, by its code", TEXT)
HELP_CODE = Message("HB894", "the code a message shows in brackets, e.g. HB030", TEXT)

# -- HB9xx: what `handbook new` writes, in the organisation's language (new.py) ---------------
# Comments for editors in the files `handbook new` makes. Lines starting with '# key:' are
# examples an editor uncomments: translate the text after the colon, never the key, and keep
# what follows a second '#' a comment (tests/test_messages.py uncomments them all).

NEW_BODY_NOTE = Message("HB900", """\
<!--
Write the text of this page below, in Markdown. This note is for editors and is never published.
  ## A heading        starts a section
  **bold**, *italic*  for emphasis
  - item              for a list
  [text](values.md)   links to another page of this organisation
  ![Description](media/photo.jpg)   shows a picture from the media/ folder
-->
""", TEXT)
NEW_VISION = Message("HB901", """\
# The vision in one sentence, shown large at the top of the page. Remove the # to use it.
# statement: Always the best possible encounter
""", TEXT)
NEW_VALUES = Message("HB902", """\
# The values, each with a name and what it means. Remove the # signs to use them.
# values:
#   - name: Knowledge
#     description: What this value means in our everyday work.
#   - name: Care
#     description: What this value means in our everyday work.
""", TEXT)
NEW_STRATEGY = Message("HB903", """\
# The years the strategy covers, and its goals. Remove the # signs to use them.
# period:
#   from: {start}
#   to: {end}
# goals:
#   - The first goal
#   - The second goal
# When someone should read the strategy again (YYYY-MM-DD). Remove the # to use it.
# review_by: {review_by}
""", TEXT)
NEW_PAGE = Message("HB904", """\
# Optional: who wrote it and when (dates as YYYY-MM-DD). Remove the # signs to use them.
# author: Name Surname
# role: Their role
# date: {today}
# review_by: {review_by}        # when someone should read the page again to see it is still right
""", TEXT)
NEW_ORGANISATION_NAME = Message("HB905", "# The organisation's name, as readers should see it.", TEXT)
NEW_ORGANISATION_LANGUAGE = Message("HB906", "# The language the organisation writes in: one of {languages}.", TEXT)
NEW_ORGANISATION_OPTIONAL = Message("HB907", """\
# Optional. Remove the # to use a line.
# country: SE                  # two-letter country code (SE, DK, CZ, …)
# website: https://www.example.org/
# logo: media/logo.svg         # a file you put in the media/ folder
# summary: One sentence about the organisation.
# order: 1                     # organisations with an order come first on the home page
""", TEXT)
NEW_TITLE = Message("HB908", "# The page's title.", TEXT)
NEW_TRANSLATE = Message("HB909", "# Translate the title and the text below from {page}.md.", TEXT)
NEW_DRAFT = Message("HB910", "# A draft is checked but not published: remove this line when the translation is done.",
                    TEXT)
NEW_SLUG = Message("HB911", "# Optional: the address of the page in this language, e.g. our-vision", TEXT)
NEW_SITE_YAML = Message("HB912", """\
# The settings of the whole handbook. Lines starting with # are notes for editors.
# The name of the handbook, in each language.
title:
{titles}
# The address where the handbook is published. Change it before you publish
# (the CI workflow gives its own with --base-url).
base_url: https://handbook.example/
# The languages of the handbook, as language codes: the main one first.
languages: [{languages}]
# The main language: the one used when a reader's browser asks for none of the others.
default_language: {default}
# The look of the handbook: 'default' is the theme that comes with handbook.
theme: default
# Every page has a search box. To publish the handbook without one, remove the # below.
# search: false

# The accessibility statement, which public bodies in the EU must publish. Until it is here,
# every build reminds you of it. Give the facts and remove the # at the start of each line
# below (see "The accessibility statement" in the editors' guide); or, if your handbook needs
# no statement, write a line 'accessibility: false' instead.
# accessibility:
#   publisher: The name of your organisation   # who publishes the handbook
#   country: {country}         # SE, DK or CZ: the law and the authority readers can turn to
#   status: partial     # full, partial or none
#   method: self-assessment   # or third-party
#   prepared: 2025-01-31   # when the statement was written (YYYY-MM-DD)
#   issues:             # what is not accessible, one '- ' line each
#     - The films have no subtitles.
#   contact:            # at least one of email, phone and url
#     email: accessibility@example.org
""", TEXT)
NEW_GITIGNORE = Message("HB913", """\
# Made by handbook: the finished website and the build cache. They are not kept in Git.
/build/
/.cache/
""", TEXT)
NEW_REQUIREMENTS = Message("HB914", """\
# The handbook that CI installs to build this site ({workflow}).
# To upgrade, change the version. If your organisation keeps handbook elsewhere, say where,
# e.g. handbook @ git+https://git.example.org/handbook.git@v{version}
handbook=={version}
""", TEXT)
