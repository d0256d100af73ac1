"""What tenants get from a residence: pages, calendar, feed, cards, QR codes and posters."""
