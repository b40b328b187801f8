"""The user guide in the admin: ``docs/huong-dan/*.md`` rendered for any signed-in admin user
("Trợ giúp" → "Hướng dẫn sử dụng"), the page for the user's own role first."""
