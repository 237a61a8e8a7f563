"""Media analysis used by the media rules: pure functions over decoded images and video, no engine state."""
