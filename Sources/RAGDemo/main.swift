print("rag-demo")
