"""clinicsite: a static-site generator for clinics and medical-training academies."""

__version__ = "0.1.0"
