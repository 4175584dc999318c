"""News articles (tin tức), their editing workflow, proofreading and the public news pages."""
