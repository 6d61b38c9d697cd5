"""casewise package."""
