"""Which files the package holds (its metadata is in pyproject.toml).

templates/, static/ and the seed fixture sit at the top of the repository, outside every Python
package. An installed wheel has no repository around it, so they travel inside the config package
as config/templates/, config/static/ and config/fixtures/, where config/settings.py looks first.
Mapping a folder to a package name while also discovering packages is more than pyproject.toml's
[tool.setuptools] table can say, hence this file.
"""

from setuptools import find_packages, setup

# The site's code: config and the apps, each with its subpackages (migrations, management commands,
# template tags). Tests and tooling (tests/, loadtest/, tools/) are not part of the site.
SITE = ["config", "archive", "factsheets", "search", "ask", "pages", "feedback"]
FOLDERS = {
    "config.templates": "templates",
    "config.static": "static",
    "config.fixtures": "fixtures",
}

setup(
    packages=find_packages(include=[*SITE, *(f"{name}.*" for name in SITE)]) + list(FOLDERS),
    package_dir=FOLDERS,
    # Exactly the files named here: nothing else that happens to sit in a package folder.
    include_package_data=False,
    package_data={
        # The privacy page shows SECURITY.md's section on personal data (pages/privacy.py);
        # config/SECURITY.md is a link to the repository's copy.
        "config": ["SECURITY.md"],
        "config.templates": ["**/*"],
        "config.static": ["**/*"],
        "config.fixtures": ["seed.json"],
    },
)
