"""The site's extras: the package's wheel, the build's own values, pages as notebooks."""
