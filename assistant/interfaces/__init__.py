"""How people reach the assistant: the command line and the Gradio UI, thin layers over the service."""
