"""What every stage uses: the errors jdgen raises, the time budget, where the built-in files are, word helpers. Imports nothing else of jdgen."""
