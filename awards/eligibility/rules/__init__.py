"""Rule modules, one per award family. Each exposes RULES: {award code: function(ctx)}."""
