"""Operations: backups and restores, request logging. No models, no URLs."""
