from typing import Any, Dict, Optional

def analyze(
    df: Any, text_col: str = ..., id_col: str = ..., *, output: Optional[str] = ..., **options: Any
) -> Dict[str, Any]: ...
