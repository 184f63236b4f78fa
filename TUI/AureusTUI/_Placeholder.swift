// AureusTUI
