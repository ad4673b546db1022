"""One extension per feature area; bot.app.EXTENSIONS lists them."""
